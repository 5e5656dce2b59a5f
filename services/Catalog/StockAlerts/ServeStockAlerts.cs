using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Catalog.StockAlerts;

/// <summary>
/// A product came back in stock, by whatever path (an adjustment, a count, an import, a hold that ended: every stock
/// decision records the 0 → more transition, and the relay publishes it): the requests made before that moment are
/// served. In one transaction, with the message's inbox record, they are deleted and <see cref="StockAlertsServed"/>
/// is appended, which the relay publishes to the Platform (one mail per account). Delivered twice, the message serves
/// nothing the second time; a crash before the commit leaves the requests for the redelivery.
/// </summary>
[ConsumerName("serve-stock-alerts")]
internal sealed class ServeStockAlerts(CooperativeSessions sessions, TimeProvider clock, ILogger<ServeStockAlerts> logger)
    : CooperativeConsumer<Contract.ProductBackInStock>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ProductBackInStock message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var waiting = await session.Query<StockAlert>()
            .Where(a => a.ProductId == message.ProductId && a.RequestedAt <= message.At)
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return;
        }

        var product = await session.LoadAsync<Product>(message.ProductId, cancellationToken);
        var shop = await session.LoadAsync<Shop>(message.ShopId, cancellationToken);
        foreach (var alert in waiting)
        {
            session.Delete(alert);
        }

        if (product is not { IsActive: true })
        {
            // Archived (requests left from before archiving dropped them, ADR 44 amended): its page is not found, mail nobody.
            return;
        }

        var served = new StockAlertsServed(
            Guid.CreateVersion7(), message.ProductId, message.ShopId, shop?.Name ?? "", product?.Name ?? LocalizedText.Empty,
            [.. waiting.Select(a => a.AccountId).Distinct().Order()], message.At);
        session.Events.StartStream(served.BatchId, served);
    }
}
