using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Members.Listing;

internal static class ListMembersEndpoint
{
    public static void MapListMembers(this RouteGroupBuilder group) =>
        group.MapGet("/members", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var members = await session.Query<Member>().OrderBy(m => m.College).ThenBy(m => m.Name).ToListAsync(cancellationToken);
                return TypedResults.Ok(members.Select(MemberView.Of).ToList());
            })
            .RequireGovernanceReader()
            .WithName("ListGovernanceMembers")
            .WithSummary("The cooperative's members by college: who votes.")
            .Produces<List<MemberView>>();
}
