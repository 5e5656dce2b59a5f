using System.Data;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Memberships;
using Marketplace.ServiceDefaults.Export;
using Marten;
using Npgsql;

namespace Marketplace.Platform.Cooperatives.Exporting;

/// <summary>
/// The Platform's part of a cooperative's export. The platform database holds every cooperative, so
/// each query names the cooperative: its record, its event stream, its memberships, its legal pages, and its members'
/// profiles (id, email, display name, language — never a password hash, security stamp or reset token).
/// </summary>
internal static class ExportCooperativeEndpoint
{
    public const string Schema = "platform";
    public const string ProfilesTable = "account_profiles";

    public static void MapExportCooperative(this IEndpointRouteBuilder app) =>
        app.MapGet(CooperativeExport.Route(Schema), async Task<IResult> (TenantId coop, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                if (await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
                }

                await using var connection = store.Storage.Database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                var memberships = await session.Query<Membership>().Where(m => m.Cooperative == coop.Value).ToListAsync(cancellationToken);
                var accounts = await session.LoadManyAsync<Account>(cancellationToken, memberships.Select(m => m.AccountId).Distinct());

                http.Response.ContentType = ExportWriter.ContentType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{coop}-platform.jsonl\"";
                var export = new ExportWriter(http.Response.Body);
                await export.WriteManifestAsync("platform", Schema, coop.Value, clock.GetUtcNow(), cancellationToken);
                await RowsAsync(export, connection, "mt_doc_cooperative", "id = $1", coop.Value, cancellationToken);
                await RowsAsync(export, connection, "mt_streams", "id = $1", coop.Value, cancellationToken);
                await RowsAsync(export, connection, "mt_events", "stream_id = $1 order by seq_id", coop.Value, cancellationToken);
                await RowsAsync(export, connection, "mt_doc_membership", "id = any($1)", memberships.Select(m => m.Id).ToArray(), cancellationToken);
                await RowsAsync(export, connection, "mt_doc_cooperativelegalpage", "id = any($1)", LegalPages.Names.Select(page => CooperativeLegalPage.IdFor(coop.Value, page)).ToArray(), cancellationToken);
                export.Table(ProfilesTable);
                foreach (var account in accounts.OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase))
                {
                    var profile = JsonSerializer.Serialize(AccountResponse.From(account), JsonSerializerOptions.Web);
                    await export.WriteRowAsync(ProfilesTable, profile, cancellationToken);
                }

                await export.WriteEndAsync(cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithTags("Export")
            .WithName("ExportCooperative")
            .WithSummary("The platform's record of the cooperative, its memberships and its members' profiles, as JSON lines (its admins only).")
            .Produces(StatusCodes.Status200OK, contentType: ExportWriter.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task RowsAsync(ExportWriter export, NpgsqlConnection connection, string table, string filter, object value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select row_to_json(t)::text from {Schema}.{table} t where {filter}", connection)
        {
            Parameters = { new() { Value = value } },
        };
        await export.WriteRowsAsync(table, command, cancellationToken);
    }
}
