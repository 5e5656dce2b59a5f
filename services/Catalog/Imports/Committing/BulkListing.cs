using Marketplace.Catalog.Products;
using Marketplace.Catalog.Search;
using Marketplace.Catalog.Stock;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Catalog.Imports.Committing;

/// <summary>
/// The streams of products an import lists, written by COPY in the commit's own transaction instead of Marten's unit
/// of work (StartStream per product): the rows are those Marten writes (ADR 0050), at a fraction of the processor
/// time. mt_streams, mt_events (seq_id from Marten's own sequence, so the relay and the daemon read every event once,
/// in order), the Product snapshot (folded by <see cref="Product.Fold"/>, as <c>FoldedSnapshot</c> does) and the inline
/// projections a new product touches (the search row, by <see cref="ProductSearchProjection"/>'s own code). Only for
/// streams that do not exist yet: a changed product still goes through Marten, with its version check.
/// <para>Coupled to Marten's table layout: BulkListingTests writes a product both ways and compares every column.</para>
/// </summary>
internal static class BulkListing
{
    private const string Schema = CatalogModule.Schema;

    /// <summary>
    /// Writes the new streams through <paramref name="session"/>'s connection and transaction; the search rows are
    /// queued on the session, sent by its next SaveChanges. Nothing is committed here.
    /// </summary>
    public static async Task WriteAsync(IDocumentSession session, IReadOnlyList<(Guid Id, IReadOnlyList<object> Events)> streams, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = streams.Sum(s => s.Events.Count);
        if (count == 0)
        {
            return;
        }

        var options = ((DocumentStore)session.DocumentStore).Options;
        var events = (Marten.Events.EventGraph)options.Events;
        var serializer = options.Serializer();
        var tenant = session.TenantId;
        var connection = session.Connection;
        var headers = session.GetHeader(CooperativeSessions.TraceParentHeader) is { } trace
            ? serializer.ToJson(new Dictionary<string, object> { [CooperativeSessions.TraceParentHeader] = trace })
            : null;
        var sequences = await NextSequencesAsync(connection, count, cancellationToken);
        var aggregate = events.AggregateAliasFor(typeof(Product));

        await using (var writer = await connection.BeginBinaryImportAsync(
            $"copy {Schema}.mt_streams (id, type, version, tenant_id, is_archived) from stdin (format binary)", cancellationToken))
        {
            foreach (var (id, changes) in streams)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(aggregate, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync((long)changes.Count, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(tenant, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            $"copy {Schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived) from stdin (format binary)", cancellationToken))
        {
            var next = 0;
            foreach (var (id, changes) in streams)
            {
                for (var i = 0; i < changes.Count; i++)
                {
                    var mapping = events.EventMappingFor(changes[i].GetType());
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(sequences[next++], NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(serializer.ToJson(changes[i]), NpgsqlDbType.Jsonb, cancellationToken);
                    await writer.WriteAsync(mapping.EventTypeName, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(tenant, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(mapping.DotNetTypeName, NpgsqlDbType.Varchar, cancellationToken);
                    if (headers is null)
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await writer.WriteAsync(headers, NpgsqlDbType.Jsonb, cancellationToken);
                    }

                    await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            $"copy {Schema}.mt_doc_product (id, data, mt_dotnet_type, mt_version) from stdin (format binary)", cancellationToken))
        {
            foreach (var (id, changes) in streams)
            {
                // as FoldedSnapshot<Product> evolves it: an event the state does not know leaves it as it was
                var snapshot = changes.Aggregate((Product?)null, (state, change) => Product.Fold(state, change) ?? state)
                    ?? throw new InvalidOperationException($"The events of product {id} do not list it.");
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(serializer.ToJson(snapshot), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(typeof(Product).FullName!, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync((long)changes.Count, NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // the search rows: listed and stocked in one statement, any other event (food information) as the projection applies it
        ProductSearchProjection.ListedInBulk(session,
            [.. streams.Select(s => s.Events.OfType<ProductListed>().Single())],
            [.. streams.Select(s => s.Events.OfType<StockAdjusted>().Sum(a => a.Quantity))]);
        foreach (var change in streams.SelectMany(s => s.Events).Where(e => e is not (ProductListed or StockAdjusted)))
        {
            ProductSearchProjection.Apply(session, change);
        }
    }

    /// <summary>The next numbers of Marten's event sequence, as its own append takes them (one nextval per event).</summary>
    private static async Task<long[]> NextSequencesAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select nextval('{Schema}.mt_events_sequence') from generate_series(1, $1)";
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var sequences = new long[count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            sequences[i] = reader.GetInt64(0);
        }

        Array.Sort(sequences);
        return sequences;
    }
}
