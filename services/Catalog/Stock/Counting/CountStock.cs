using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Stock.Counting;

/// <summary>The units the shop counted on its shelf: what is on hand after the count, not the difference.</summary>
public sealed record StockCount(int? OnHand, string? Note);

internal sealed class StockCountValidator : AbstractValidator<StockCount>
{
    public StockCountValidator()
    {
        RuleFor(c => c.OnHand).NotNull().InclusiveBetween(0, ProductRules.MaxStock);
        RuleFor(c => c.Note).MaximumLength(200);
    }
}

internal static class CountStockEndpoint
{
    /// <summary>
    /// The shop says how many units it has on hand; the difference is recorded as a "count" adjustment (ADR 23: a
    /// command kept as history, like stock-adjustments, not a field overwritten). Counting what is already on hand
    /// changes nothing; a count below the units held for customers' checkouts is refused (409, code stock.below_reserved).
    /// </summary>
    public static void MapCountStock(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/stock-counts", (TenantId coop, Guid shop, Guid product, StockCount request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow();
                return sessions.ChangeAsync(
                    coop, shop, product,
                    current => current.CountStock(request.OnHand!.Value, ProductChanges.Clean(request.Note), user.AccountId(), now),
                    cancellationToken,
                    complete: (session, current, token) => session.WithHoldsAsync(current, null, now, token)); // the holds due expire first
            })
            .Validate<StockCount>()
            .RequireShopManager()
            .WithName("CountStock")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
