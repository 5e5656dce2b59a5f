using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

internal static class GetShopStatementEndpoint
{
    public static void MapGetShopStatement(this RouteGroupBuilder payouts) =>
        payouts.MapGet("/statement", async (TenantId coop, Guid shop, [AsParameters] PeriodRequest period, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(await session.StatementAsync(shop, period, cancellationToken));
            })
            .ForOwnersOrAdmins()
            .Validate<PeriodRequest>()
            .WithName("GetShopStatement")
            .WithSummary("The shop's statement over a period of days (its owners, or an admin; ?from=&to=): every sale, commission, refund and transfer, with the balance owed after each.")
            .Produces<ShopStatement>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The shop's statement from its ledger rows in the period and its payable balance before it.</summary>
    public static async Task<ShopStatement> StatementAsync(this IQuerySession session, Guid shop, IPeriod period, CancellationToken cancellationToken)
    {
        var opening = await session.ShopPayableBeforeAsync(shop, period.Start(), cancellationToken);
        var rows = await session.ShopRowsAsync(shop, period, cancellationToken);
        return ShopStatement.Of(shop, period.From!.Value, period.To!.Value, opening, rows);
    }
}
