using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Catalog;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Baskets.SettingLine;

/// <summary>PUT /api/coops/{coop}/basket/lines/{product}: how many of the product the basket holds (1 to 99).</summary>
public sealed record BasketLineRequest(int Quantity);

internal sealed class BasketLineRequestValidator : AbstractValidator<BasketLineRequest>
{
    public BasketLineRequestValidator() =>
        RuleFor(r => r.Quantity).InclusiveBetween(1, Basket.MaxQuantity).OverridePropertyName("quantity");
}

internal static class SetBasketLineEndpoint
{
    /// <summary>Puts a product in the basket, or changes how many; the same quantity again changes nothing.</summary>
    public static void MapSetBasketLine(this RouteGroupBuilder group) =>
        group.MapPut("/lines/{product:guid}", async (TenantId coop, Guid product, BasketLineRequest request, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var customer = Customer.Of(http.User);
                ProductCopy? copy;
                await using (var query = sessions.QuerySession(coop))
                {
                    copy = await query.LoadAsync<ProductCopy>(product, cancellationToken);
                }

                var decided = await sessions.DecideOrStartAsync<Basket>(coop, customer, basket => BasketRules.SetLine(customer, basket, copy, request.Quantity, clock.GetUtcNow()), cancellationToken);
                if (decided.Refusal is { } code)
                {
                    return BasketProblems.Refused(code);
                }

                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(await BasketResponse.ReadAsync(session, decided.State, cancellationToken));
            })
            .Validate<BasketLineRequest>()
            .RequireAuthorization()
            .WithName("SetBasketLine")
            .WithSummary("Put a product in the signed-in customer's basket, or change its quantity (1 to 99).")
            .Produces<BasketResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
