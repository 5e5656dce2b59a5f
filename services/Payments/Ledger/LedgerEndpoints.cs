using System.Text;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

/// <summary>The ledger over a period, for the cooperative's admins: each account's totals, whether it balances, and its rows.</summary>
public sealed record LedgerResponse(
    DateOnly From, DateOnly To, bool Balanced, IReadOnlyList<AccountTotal> Accounts, IReadOnlyList<LedgerRow> Rows, int Page, int PageSize, long Total);

internal static class LedgerEndpoints
{
    public static void MapGetLedger(this RouteGroupBuilder payments) =>
        payments.MapGet("/ledger", async (TenantId coop, [AsParameters] LedgerRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var accounts = (await session.TotalsAsync(request, cancellationToken)).OrderBy(a => a.Account, StringComparer.Ordinal).ThenBy(a => a.ShopId).ToList();
                var (rows, total) = await session.PageAsync(request, cancellationToken);
                var balanced = accounts.GroupBy(a => a.Currency).All(c => c.Sum(a => a.Debit) == c.Sum(a => a.Credit));
                return TypedResults.Ok(new LedgerResponse(request.From!.Value, request.To!.Value, balanced, accounts, rows, request.Number, request.Size, total));
            })
            .Validate<LedgerRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("GetLedger")
            .WithSummary("The cooperative's double-entry ledger over a period of days (admins; ?from=&to=&page=&pageSize=): each account's debits and credits, whether they balance, and the postings, oldest first.")
            .Produces<LedgerResponse>();

    public static void MapGetShopStatement(this RouteGroupBuilder payouts)
    {
        payouts.MapGet("/statement", async Task<IResult> (TenantId coop, Guid shop, [AsParameters] PeriodRequest period, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                var (statement, refused) = await StatementAsync(coop, shop, period, http, sessions, cancellationToken);
                return refused ?? TypedResults.Ok(statement);
            })
            .Validate<PeriodRequest>()
            .WithName("GetShopStatement")
            .WithSummary("The shop's statement over a period of days (its owners, or an admin; ?from=&to=): every sale, commission, refund and transfer, with the balance owed after each.")
            .Produces<ShopStatement>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        payouts.MapGet("/statement.csv", async Task<IResult> (TenantId coop, Guid shop, [AsParameters] PeriodRequest period, [FromQuery] string? language, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (language is not (null or "fr" or "en"))
                {
                    return TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { ["language"] = ["The statement is written in fr or en."] },
                        extensions: new Dictionary<string, object?> { ["codes"] = new Dictionary<string, string[]> { ["language"] = ["ledger.language"] } });
                }

                var (statement, refused) = await StatementAsync(coop, shop, period, http, sessions, cancellationToken);
                return refused ?? TypedResults.File(
                    Encoding.UTF8.GetBytes(statement!.ToCsv(language ?? "fr")), "text/csv; charset=utf-8", $"statement-{statement.From:yyyy-MM-dd}-{statement.To:yyyy-MM-dd}.csv");
            })
            .Validate<PeriodRequest>()
            .WithName("GetShopStatementCsv")
            .WithSummary("The shop's statement as a spreadsheet (?from=&to=&language=fr|en): in French \";\" and a decimal comma as Excel in France expects, in English \",\" and a point; UTF-8 with a byte-order mark.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<(ShopStatement? Statement, IResult? Refused)> StatementAsync(
        TenantId coop, Guid shop, PeriodRequest period, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        if (ShopPayoutsAccess.Allowed(http.User, coop, await session.LoadAsync<ShopPayouts>(shop, cancellationToken)) is { } refused)
        {
            return (null, refused);
        }

        var opening = await session.ShopPayableBeforeAsync(shop, period.Start(), cancellationToken);
        var rows = await session.ShopRowsAsync(shop, period, cancellationToken);
        return (ShopStatement.Of(shop, period.From!.Value, period.To!.Value, opening, rows), null);
    }
}
