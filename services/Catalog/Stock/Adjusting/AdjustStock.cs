using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Stock.Adjusting;

/// <summary>A signed change of the units on hand: restock (+), a sale in the shop (−), a correction (±).</summary>
public sealed record StockAdjustment(int? Quantity, string? Reason, string? Note);

internal sealed class StockAdjustmentValidator : AbstractValidator<StockAdjustment>
{
    public StockAdjustmentValidator()
    {
        RuleFor(a => a.Reason).NotEmpty()
            .Must(r => r is StockAdjustmentReason.Restock or StockAdjustmentReason.SaleInShop or StockAdjustmentReason.Correction)
            .WithMessage("The reason is restock, sale-in-shop or correction.").WithErrorCode("stock.reason");
        RuleFor(a => a.Quantity).NotNull().InclusiveBetween(-ProductRules.MaxStock, ProductRules.MaxStock);
        RuleFor(a => a.Quantity).GreaterThan(0).When(a => a.Reason == StockAdjustmentReason.Restock).WithMessage("A restock adds units (a positive quantity).").WithErrorCode("stock.restock_positive");
        RuleFor(a => a.Quantity).LessThan(0).When(a => a.Reason == StockAdjustmentReason.SaleInShop).WithMessage("A sale in the shop removes units (a negative quantity).").WithErrorCode("stock.sale_negative");
        RuleFor(a => a.Quantity).NotEqual(0).When(a => a.Reason == StockAdjustmentReason.Correction).WithMessage("A correction changes the quantity.").WithErrorCode("stock.correction_nonzero");
        RuleFor(a => a.Note).MaximumLength(200);
    }
}

internal static class AdjustStockEndpoint
{
    /// <summary>The shop changes its units on hand; it cannot remove more than there are (409, code stock.not_enough) nor units held for customers' checkouts (409, code stock.below_reserved).</summary>
    public static void MapAdjustStock(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/stock-adjustments", (TenantId coop, Guid shop, Guid product, StockAdjustment request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow();
                return sessions.ChangeAsync(
                    coop, shop, product,
                    current => current.AdjustStock(request.Quantity!.Value, request.Reason!, request.Note?.Trim(), user.AccountId(), now),
                    cancellationToken,
                    complete: (session, current, token) => session.WithHoldsAsync(current, null, now, token)); // the holds due expire first
            })
            .Validate<StockAdjustment>()
            .RequireShopManager()
            .WithName("AdjustStock")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
