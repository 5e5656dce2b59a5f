using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Statutes.Viewing;

internal static class GetStatutesEndpoint
{
    public static void MapGetStatutes(this RouteGroupBuilder group) =>
        group.MapGet("/statutes", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(StatutesView.Of(StatutesHistory.Current(await session.LoadAsync<StatutesHistory>(StatutesHistory.StreamId, cancellationToken))));
            })
            .RequireGovernanceReader()
            .WithName("GetStatutes")
            .WithSummary("The statutes in force: colleges and their weights, quorum, majorities, proxies, voting window, secret or public ballot.")
            .Produces<StatutesView>();
}
