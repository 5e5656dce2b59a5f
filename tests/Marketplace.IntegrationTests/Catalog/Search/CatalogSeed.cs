using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests.Catalog.Search;

/// <summary>
/// Puts shops and products in a cooperative's catalog the way Catalog's own handlers do: by appending their
/// domain events in one Marten session of the Catalog service, so the inline search projection runs exactly
/// as in production. (The shop is registered through the HTTP API; approving, listing and stock go through
/// events until their endpoints exist.)
/// </summary>
public sealed class CatalogSeed(MarketplaceApp app, TenantId coop)
{
    private CooperativeSessions Sessions => app.Catalog.Services.GetRequiredService<CooperativeSessions>();

    public async Task<Guid> ApprovedShopAsync(string name)
    {
        var shop = await app.RegisterShopAsync(coop, name);
        await ApproveAsync(shop, name);
        return shop;
    }

    public Task<Guid> PendingShopAsync(string name) => app.RegisterShopAsync(coop, name);

    public Task ApproveAsync(Guid shop, string name) =>
        AppendAsync(shop, new ShopApproved(shop, name, null, DateTimeOffset.UtcNow));

    public Task RenameShopAsync(Guid shop, string name) =>
        AppendAsync(shop, new ShopDetailsChanged(shop, new ShopDetails(name, null, null, null, null, null), DateTimeOffset.UtcNow));

    public async Task<Guid> ListAsync(
        Guid shop,
        LocalizedText name,
        string category,
        long price,
        int stock = 5,
        LocalizedText? description = null,
        params string[] imageUrls)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var listed = new ProductListed(id, shop, null, name, description ?? LocalizedText.Empty, category, imageUrls, new Money(price, "EUR"), 550, null, now);
        await using var session = Sessions.OpenSession(coop);
        session.Events.StartStream<Product>(id, stock > 0
            ? [listed, new StockAdjusted(id, stock, StockAdjustmentReason.Restock, null, null, now)]
            : [listed]);
        await session.SaveChangesAsync();
        return id;
    }

    public Task ArchiveAsync(Guid product) => AppendAsync(product, new ProductArchived(product, DateTimeOffset.UtcNow));

    public Task ReactivateAsync(Guid product) => AppendAsync(product, new ProductReactivated(product, DateTimeOffset.UtcNow));

    public Task ChangePriceAsync(Guid product, Guid shop, long from, long to) =>
        AppendAsync(product, new ProductPriceChanged(product, shop, new Money(from, "EUR"), new Money(to, "EUR"), null, DateTimeOffset.UtcNow));

    public Task ChangeDetailsAsync(Guid product, LocalizedText name, string category, LocalizedText? description = null) =>
        AppendAsync(product, new ProductDetailsChanged(product, null, name, description ?? LocalizedText.Empty, category, [], 550, DateTimeOffset.UtcNow));

    public Task AppendAsync(Guid stream, params object[] events) => AppendManyAsync(stream, events);

    private async Task AppendManyAsync(Guid stream, object[] events)
    {
        await using var session = Sessions.OpenSession(coop);
        session.Events.Append(stream, events);
        await session.SaveChangesAsync();
    }
}
