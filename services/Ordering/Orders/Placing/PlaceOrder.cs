using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Baskets;
using Marketplace.Ordering.Catalog;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders.Placing;

/// <summary>POST /api/coops/{coop}/orders: the signed-in customer's basket becomes an order with the id the client chose.</summary>
public sealed record PlaceOrderRequest(Guid OrderId, string? Language, IReadOnlyList<ShopChoice> Shops);

/// <summary>For one shop of the basket: pickup in a slot, or delivery to an address (exactly one).</summary>
public sealed record ShopChoice(Guid ShopId, PickupChoice? Pickup, DeliveryChoice? Delivery);

public sealed record PickupChoice(DateTimeOffset Start, DateTimeOffset End);

public sealed record DeliveryChoice(string Line1, string? Line2, string Postcode, string City, string Country);

internal sealed class PlaceOrderRequestValidator : AbstractValidator<PlaceOrderRequest>
{
    private static readonly string[] Languages = ["fr", "en"];

    public PlaceOrderRequestValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty().OverridePropertyName("orderId");
        RuleFor(r => r.Language).Must(l => l is null || Languages.Contains(l)).WithErrorCode(ErrorCodes.Invalid).OverridePropertyName("language");
        RuleFor(r => r.Shops).NotNull().OverridePropertyName("shops");
        RuleForEach(r => r.Shops).ChildRules(shop =>
        {
            shop.RuleFor(s => s.ShopId).NotEmpty().OverridePropertyName("shopId");
            shop.RuleFor(s => s).Must(s => (s.Pickup is null) != (s.Delivery is null)).WithErrorCode(CheckoutRefusals.FulfilmentMissing).OverridePropertyName("fulfilment");
            shop.RuleFor(s => s.Pickup!).Must(p => p.End > p.Start).When(s => s.Pickup is not null)
                .WithErrorCode(CheckoutRefusals.SlotOutsideHours).OverridePropertyName("pickup.end");
            shop.RuleFor(s => s.Delivery!).ChildRules(address =>
            {
                address.RuleFor(a => a.Line1).NotEmpty().MaximumLength(200).OverridePropertyName("line1");
                address.RuleFor(a => a.Line2).MaximumLength(200).OverridePropertyName("line2");
                address.RuleFor(a => a.Postcode).NotEmpty().MaximumLength(20).OverridePropertyName("postcode");
                address.RuleFor(a => a.City).NotEmpty().MaximumLength(100).OverridePropertyName("city");
                address.RuleFor(a => a.Country).NotEmpty().Length(2).OverridePropertyName("country");
            }).When(s => s.Delivery is not null).OverridePropertyName("delivery");
        }).OverridePropertyName("shops");
    }
}

internal static class PlaceOrderEndpoint
{
    /// <summary>
    /// Checks out: 201 with the order, whose stock Catalog is asked to hold; the basket is emptied in the same transaction.
    /// The same order id again answers 200 with that order (a retried checkout places nothing twice); 409 with every
    /// problem on its field when the order cannot be placed as it is.
    /// </summary>
    public static void MapPlaceOrder(this RouteGroupBuilder group) =>
        group.MapPost("/", async (TenantId coop, PlaceOrderRequest request, HttpContext http, CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var customer = new CheckoutCustomer(
                    OrderAccess.AccountOf(http.User),
                    http.User.FindFirst("name")?.Value ?? http.User.FindFirst("preferred_username")?.Value ?? "",
                    http.User.FindFirst("email")?.Value,
                    request.Language ?? "fr");
                return await ConcurrencyRetry.RetryAsync(async () =>
                {
                    await using var session = sessions.OpenSession(coop);
                    if (await session.LoadAsync<Order>(request.OrderId, cancellationToken) is { } existing)
                    {
                        return Existing(existing, customer.Id);
                    }

                    var basket = await session.Events.FetchForWriting<Basket>(customer.Id, cancellationToken);
                    var lines = basket.Aggregate?.Lines ?? [];
                    var products = (await session.LoadManyAsync<ProductCopy>(cancellationToken, lines.Select(l => l.ProductId))).ToDictionary(p => p.Id);
                    var shops = (await session.LoadManyAsync<OrderingShop>(cancellationToken, lines.Select(l => l.ShopId).Distinct())).ToDictionary(s => s.Id);
                    var settings = await OrderingSettings.ReadAsync(session, cancellationToken);
                    var now = clock.GetUtcNow();
                    var (placed, errors) = Checkout.Decide(request.OrderId, customer, basket.Aggregate, products, shops, request.Shops, settings, now);
                    if (placed is null)
                    {
                        return Refused(errors);
                    }

                    session.Events.StartStream<Order>(placed.OrderId, placed);
                    desk.Placed(session, Order.Fold(null, placed)!);
                    basket.AppendOne(new BasketEmptied(now));
                    try
                    {
                        await session.SaveChangesAsync(cancellationToken);
                    }
                    catch (Exception e) when (IsCollision(e))
                    {
                        // The same id placed at the same moment by another request: answer as a retry does.
                        await using var again = sessions.QuerySession(coop);
                        var raced = await again.LoadAsync<Order>(request.OrderId, cancellationToken) ?? throw new InvalidOperationException("A colliding order stream has its snapshot.", e);
                        return Existing(raced, customer.Id);
                    }

                    return TypedResults.Created($"/api/coops/{coop}/orders/{placed.OrderId}", OrderView.Of(Order.Fold(null, placed)!));
                });
            })
            .Validate<PlaceOrderRequest>()
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithName("PlaceOrder")
            .WithSummary("Check out the signed-in customer's basket: one order, a sub-order per shop (pickup slot or delivery each).")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult Existing(Order order, Guid customer) => order.CustomerId == customer
        ? TypedResults.Ok(OrderView.Of(order))
        : CodedProblems.Field("orderId", CheckoutRefusals.IdTaken, "This order id is already taken.", StatusCodes.Status409Conflict);

    private static IResult Refused(IReadOnlyList<CheckoutError> errors) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The order cannot be placed as it is.",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = errors[0].Code,
            ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            ["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
        });

    private static bool IsCollision(Exception e) =>
        e.GetType().Name.Contains("ExistingStreamIdCollision", StringComparison.Ordinal) || (e.InnerException is { } inner && IsCollision(inner));
}
