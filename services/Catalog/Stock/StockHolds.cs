using System.Collections.Immutable;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marketplace.Catalog.Products;
using Marten;
using Marten.Events.Projections;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Marketplace.Catalog.Stock;

/// <summary>
/// Each live hold of a checkout on a product is a row of <c>catalog.stock_holds</c>, written inline with the stock
/// events (same transaction), so a product's snapshot keeps totals only: with the holds inside it, a popular product's
/// snapshot grew by ~90 bytes a checkout (23 KB at 250 open checkouts), read and rewritten at every hold. A decision
/// loads just the holds it may touch: those whose time is up (they expire first) and the checkout's own.
/// </summary>
internal static class StockHolds
{
    public const string Table = CatalogModule.Schema + ".stock_holds";

    public static void AddStockHolds(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(CatalogModule.Schema, "stock_holds", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("product_id").AsPrimaryKey();
        table.AddColumn<Guid>("reservation_id").AsPrimaryKey();
        table.AddColumn("quantity", "integer").NotNull();
        table.AddColumn("expires_at", "timestamp with time zone").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_stock_holds_due") { Columns = ["product_id", "expires_at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
        options.Projections.Add(new StockHoldsProjection(), ProjectionLifecycle.Inline);
    }

    /// <summary>The product with the holds a stock decision at <paramref name="now"/> needs (see <see cref="LoadAsync"/>).</summary>
    public static async Task<Product> WithHoldsAsync(this IQuerySession session, Product product, Guid? reservation, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await session.WithHoldsAsync([product], reservation, now, cancellationToken))[0];

    /// <summary>
    /// The products with their holds that are due at <paramref name="now"/> and, if given, <paramref name="reservation"/>'s;
    /// one query for all of them, none when nothing is reserved. Read in the session's transaction, after the products
    /// were fetched for writing: a hold changes only with its product's stream, so what is read matches the snapshot.
    /// </summary>
    public static async Task<IReadOnlyList<Product>> WithHoldsAsync(
        this IQuerySession session, IReadOnlyList<Product> products, Guid? reservation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = products.Where(p => p.Stock.Reserved > 0).Select(p => p.Id).ToArray();
        if (held.Length == 0)
        {
            return products;
        }

        var rows = await session.AdvancedSql.QueryAsync<HoldRow>(
            $"select json_build_object('ProductId', product_id, 'ReservationId', reservation_id, 'Quantity', quantity, 'ExpiresAt', expires_at) " +
            $"from {Table} where product_id = any(?) and (expires_at <= ? or reservation_id = ?)",
            cancellationToken,
            held, now, reservation ?? Guid.Empty);
        var byProduct = rows.ToLookup(r => r.ProductId);
        return
        [
            .. products.Select(p => byProduct.Contains(p.Id)
                ? p with { Stock = p.Stock with { Holds = byProduct[p.Id].ToImmutableDictionary(r => r.ReservationId, r => new Hold(r.Quantity, r.ExpiresAt)) } }
                : p),
        ];
    }

    private sealed record HoldRow(Guid ProductId, Guid ReservationId, int Quantity, DateTimeOffset ExpiresAt);

    private sealed class StockHoldsProjection : EventProjection
    {
        public StockHoldsProjection()
        {
            IncludeType<StockReserved>();
            IncludeType<StockReleased>();
            IncludeType<StockCommitted>();
        }

        public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
        {
            if (e.Data is StockReserved r)
            {
                operations.QueueSqlCommand(
                    $"insert into {Table} (product_id, reservation_id, quantity, expires_at) values (?, ?, ?, ?) on conflict do nothing",
                    r.ProductId, r.ReservationId, r.Quantity, r.ExpiresAt);
            }
            else if (e.Data switch { StockReleased x => (x.ProductId, x.ReservationId), StockCommitted x => (x.ProductId, x.ReservationId), _ => ((Guid, Guid)?)null } is var (product, reservation))
            {
                operations.QueueSqlCommand($"delete from {Table} where product_id = ? and reservation_id = ?", product, reservation); // released or sold: no longer held
            }

            return ValueTask.CompletedTask;
        }
    }
}
