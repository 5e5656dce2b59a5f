using JasperFx.Events;
using Marketplace.Catalog.Products;
using Marten;
using Marten.Events.Projections;

namespace Marketplace.Catalog.StockAlerts;

/// <summary>
/// A product taken off sale drops the requests waiting for it (ADR 44, amended), in the transaction that archives it,
/// whatever archived it: no mail will later link to a page that is not found. Reactivated, it is waited for afresh.
/// </summary>
internal sealed class DropStockAlertsOfArchivedProducts : EventProjection
{
    public DropStockAlertsOfArchivedProducts() => IncludeType<ProductArchived>();

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ProductArchived archived)
        {
            operations.DeleteWhere<StockAlert>(a => a.ProductId == archived.ProductId);
        }

        return ValueTask.CompletedTask;
    }
}
