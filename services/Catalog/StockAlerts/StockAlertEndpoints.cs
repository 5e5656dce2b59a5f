using System.Security.Claims;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.StockAlerts;

/// <summary>
/// The caller's own request for one product: see it, ask (idempotent), cancel (idempotent). Any signed-in account may
/// ask (ADR 35: a customer needs no role); each sees and cancels only her own, named by her token.
/// </summary>
internal static class StockAlertEndpoints
{
    public static void MapStockAlert(this RouteGroupBuilder group)
    {
        group.MapGetStockAlert();
        group.MapAskStockAlert();
        group.MapCancelStockAlert();
    }

    /// <summary>An active product of an approved shop, else null (archived, unknown, or of a shop not approved).</summary>
    internal static async Task<Product?> OnSaleAsync(IQuerySession session, Guid product, CancellationToken cancellationToken)
    {
        var found = await session.LoadAsync<Product>(product, cancellationToken);
        var shop = found is null ? null : await session.LoadAsync<Shop>(found.ShopId, cancellationToken);
        return found is { IsActive: true } && shop is { IsApproved: true } ? found : null;
    }

    internal static IResult NotFound() =>
        CodedProblems.Refused(StockAlertRefusals.ProductNotFound, StatusCodes.Status404NotFound, "No such product in this cooperative.");
}
