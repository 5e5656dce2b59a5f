using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.ShopOrders.Refusing;

internal static class RefuseSubOrderEndpoint
{
    /// <summary>The shop refuses its sub-order (with an optional note): its stock is released and it is never charged. Again changes nothing; a step not allowed in the sub-order's state is 409 with its code.</summary>
    public static void MapRefuseSubOrder(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/refuse", async (TenantId coop, Guid shop, Guid order, RefuseSubOrderRequest request, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.Refuse(o, shop, request.Note, now), cancellationToken), o => ShopOrderView.Of(o, o.Part(shop)!));
            })
            .Validate<RefuseSubOrderRequest>()
            .RequireShopManager()
            .WithName("RefuseSubOrder")
            .WithSummary("The shop refuses its sub-order (with an optional note): its stock is released and it is never charged.")
            .Produces<ShopOrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

/// <summary>Why the shop refuses (shown to the customer as written).</summary>
public sealed record RefuseSubOrderRequest(string? Note);

internal sealed class RefuseSubOrderRequestValidator : AbstractValidator<RefuseSubOrderRequest>
{
    public RefuseSubOrderRequestValidator() => RuleFor(r => r.Note).MaximumLength(500).OverridePropertyName("note");
}
