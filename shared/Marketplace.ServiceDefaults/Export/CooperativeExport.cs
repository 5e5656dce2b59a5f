using System.Data;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Marketplace.ServiceDefaults.Export;

/// <summary>
/// GET /api/coops/{coop}/export/{service} of a cooperative store (Catalog, Ordering, Payments): every row of every table of
/// the service's schema in that cooperative's database — event streams, events in sequence order, every
/// document table, the relay's progression — as JSON lines (<see cref="ExportWriter"/>). The connection
/// is opened through the tenant's own Marten database, so it can only ever read that cooperative's
/// database; one repeatable-read transaction makes the file a consistent snapshot.
/// </summary>
public static class CooperativeExport
{
    /// <summary>
    /// A service's part of the export, at the address the gateway serves it under: the gateway's own
    /// GET /api/coops/{coop}/export (the zip of every part) is another resource, and the documents must not confuse them.
    /// </summary>
    public static string Route(string service) => $"/api/coops/{{coop}}/export/{service}";

    public static IEndpointConventionBuilder MapCooperativeExport(this IEndpointRouteBuilder app, string service, string schema) =>
        app.MapGet(Route(service), async Task<IResult> (TenantId coop, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                var tenant = await store.Options.Tenancy.GetTenantAsync(coop.Value);
                await using var connection = tenant.Database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                var tables = await TablesAsync(connection, schema, cancellationToken);
                if (tables.Count == 0)
                {
                    // Onboarded a moment ago: this service is still applying its schema there.
                    http.Response.Headers.RetryAfter = "2";
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This cooperative is still being set up; try again in a few seconds.");
                }

                http.Response.ContentType = ExportWriter.ContentType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{coop}-{service}.jsonl\"";
                var export = new ExportWriter(http.Response.Body);
                await export.WriteManifestAsync(service, schema, coop.Value, clock.GetUtcNow(), cancellationToken);
                foreach (var table in tables)
                {
                    var order = table == "mt_events" ? " order by t.seq_id" : "";
                    await using var rows = new NpgsqlCommand($"select row_to_json(t)::text from \"{schema}\".\"{table}\" t{order}", connection);
                    await export.WriteRowsAsync(table, rows, cancellationToken);
                }

                await export.WriteEndAsync(cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithTags("Export")
            .WithName("ExportCooperative")
            .WithSummary("Everything this service holds for the cooperative, as JSON lines (its admins only).")
            .Produces(StatusCodes.Status200OK, contentType: ExportWriter.ContentType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The schema's tables, streams before events (a restore inserts them in file order: events reference streams).</summary>
    internal static async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select table_name from information_schema.tables
            where table_schema = $1 and table_type = 'BASE TABLE'
            order by case table_name when 'mt_streams' then 0 when 'mt_events' then 1 else 2 end, table_name
            """, connection)
        {
            Parameters = { new() { Value = schema } },
        };
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
