using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.ShopOrders.CancellingAccepted;

internal static class CancelAcceptedSubOrderEndpoint
{
    /// <summary>The shop cannot fulfil a sub-order it accepted and that was paid: its subtotal is refunded to the customer. Again changes nothing; a step not allowed in the sub-order's state is 409 with its code.</summary>
    public static void MapCancelAcceptedSubOrder(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/cancel", async (TenantId coop, Guid shop, Guid order, CancelAcceptedSubOrderRequest request, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                var now = desk.Clock.GetUtcNow();
                var refundId = Guid.CreateVersion7(now); // recorded once: a repeated cancel changes nothing and keeps this id
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.CancelAccepted(o, shop, refundId, request.Reason, now), cancellationToken), o => ShopOrderView.Of(o, o.Part(shop)!));
            })
            .Validate<CancelAcceptedSubOrderRequest>()
            .RequireShopManager()
            .WithName("CancelAcceptedSubOrder")
            .WithSummary("The shop cannot fulfil a sub-order it accepted and that was paid: its subtotal is refunded to the customer.")
            .Produces<ShopOrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

/// <summary>Why the shop cannot fulfil it (shown to the customer as written).</summary>
public sealed record CancelAcceptedSubOrderRequest(string Reason);

internal sealed class CancelAcceptedSubOrderRequestValidator : AbstractValidator<CancelAcceptedSubOrderRequest>
{
    public CancelAcceptedSubOrderRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500).OverridePropertyName("reason");
}
