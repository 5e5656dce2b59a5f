using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

/// <summary>The ledger over a period, for the cooperative's admins: each account's totals, whether it balances, and its rows.</summary>
public sealed record LedgerResponse(
    DateOnly From, DateOnly To, bool Balanced, IReadOnlyList<AccountTotal> Accounts, IReadOnlyList<LedgerRow> Rows, int Page, int PageSize, long Total);

internal static class GetLedgerEndpoint
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
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .Validate<LedgerRequest>()
            .WithName("GetLedger")
            .WithSummary("The cooperative's double-entry ledger over a period of days (admins; ?from=&to=&page=&pageSize=): each account's debits and credits, whether they balance, and the postings, oldest first.")
            .Produces<LedgerResponse>();
}
