using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Marketplace.Payments.Invoicing;

/// <summary>A document as its register holds it: its number in its issuer's series (e.g. "T-000042") and what it says.</summary>
public sealed record IssuedDocument(Guid Id, string Number, DateTimeOffset IssuedAt, DocumentContent Content);

/// <summary>
/// The register of documents (<c>payments.documents</c>), written inline with each <see cref="DocumentIssued"/> in the
/// same transaction (ADR 37). The number is the issuer's series' highest plus one, taken under a transaction lock on
/// that series: a rolled-back issue takes no number, two issues never take the same one, so each series has no gap.
/// Rows are only ever inserted (keyed by the document's id: a replay writes nothing twice).
/// </summary>
internal static class DocumentsTable
{
    public const string QualifiedName = PaymentsModule.Schema + ".documents";

    public static void AddDocuments(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(PaymentsModule.Schema, "documents", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("issuer").NotNull();
        table.AddColumn("series", "text").NotNull();
        table.AddColumn("number", "integer").NotNull();
        table.AddColumn("kind", "text").NotNull();
        table.AddColumn<Guid>("shop_id").NotNull();
        table.AddColumn<Guid>("order_id");
        table.AddColumn<Guid>("customer_id");
        table.AddColumn("period", "text");
        table.AddColumn("issued_at", "timestamp with time zone").NotNull();
        table.AddColumn("content", "jsonb").NotNull();
        table.Indexes.Add(new IndexDefinition("ux_documents_number") { Columns = ["issuer", "series", "number"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition("ix_documents_shop") { Columns = ["shop_id", "issued_at"] });
        table.Indexes.Add(new IndexDefinition("ix_documents_order") { Columns = ["order_id"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
        options.Projections.Add(new DocumentsProjection(options.Serializer()), ProjectionLifecycle.Inline);
    }

    // The content is written with the store's serializer, so the reads below (AdvancedSql, same serializer) read it back as it was.
    private sealed class DocumentsProjection(Marten.ISerializer serializer) : EventProjection
    {
        public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
        {
            if (e.Data is not DocumentIssued issued)
            {
                return ValueTask.CompletedTask;
            }

            var content = issued.Content;
            var series = DocumentKinds.SeriesOf(content.Kind);
            // Each statement of the batch reads after the one before it ran: the max below sees every number committed before the lock was granted.
            operations.QueueSqlCommand("select pg_advisory_xact_lock(hashtextextended(?, 0))", $"{QualifiedName}:{content.Issuer}:{series}");
            operations.QueueSqlCommand(
                $"insert into {QualifiedName} (id, issuer, series, number, kind, shop_id, order_id, customer_id, period, issued_at, content) " +
                $"values (?, ?, ?, (select coalesce(max(number), 0) + 1 from {QualifiedName} where issuer = ? and series = ?), ?, ?, ?, ?, ?, ?, ?::jsonb) " +
                "on conflict (id) do nothing",
                issued.DocumentId, content.Issuer, series, content.Issuer, series, content.Kind, content.ShopId,
                (object?)content.OrderId ?? DBNull.Value, (object?)content.CustomerId ?? DBNull.Value, (object?)content.Period ?? DBNull.Value,
                issued.At, serializer.ToJson(content));
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The register's reads, as JSON rows.</summary>
internal static class DocumentReads
{
    private const string Row =
        "select json_build_object('Id', id, 'Number', series || '-' || lpad(number::text, 6, '0'), 'IssuedAt', issued_at, 'Content', content) from " +
        DocumentsTable.QualifiedName;

    public static async Task<IssuedDocument?> DocumentAsync(this IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<IssuedDocument>($"{Row} where id = ?", cancellationToken, id)).SingleOrDefault();

    /// <summary>An order's receipts and credit notes, in the order they were issued.</summary>
    public static Task<IReadOnlyList<IssuedDocument>> OrderDocumentsAsync(this IQuerySession session, Guid order, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<IssuedDocument>($"{Row} where order_id = ? order by issued_at, series, number", cancellationToken, order);

    /// <summary>Every document about a shop issued in [from, to): the receipts it issued and the commission documents it received.</summary>
    public static Task<IReadOnlyList<IssuedDocument>> ShopDocumentsAsync(this IQuerySession session, Guid shop, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<IssuedDocument>(
            $"{Row} where shop_id = ? and issued_at >= ? and issued_at < ? order by issued_at, series, number", cancellationToken, shop, from, to);

    /// <summary>The shops whose commission document for the period is issued already.</summary>
    public static Task<IReadOnlyList<Guid>> CommissionIssuedAsync(this IQuerySession session, string period, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<Guid>($"select shop_id from {DocumentsTable.QualifiedName} where issuer = ? and period = ?", cancellationToken, Documents.Cooperative, period);
}
