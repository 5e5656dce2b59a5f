using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Members.ReadingMine;

internal static class GetMyMembershipEndpoint
{
    public static void MapGetMyMembership(this RouteGroupBuilder group) =>
        group.MapGet("/members/me", async Task<IResult> (TenantId coop, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.LoadAsync<Member>(GovernanceAccess.AccountOf(http.User), cancellationToken) is { } member
                    ? TypedResults.Ok(MemberView.Of(member))
                    : Marketplace.Hosting.CodedProblems.Refused(GovernanceAccess.NotAMember, StatusCodes.Status404NotFound, "You are not a member of this cooperative.");
            })
            .RequireAuthorization() // any signed-in account: a member may hold no role (a customer in the customers' college)
            .WithName("GetMyMembership")
            .WithSummary("The caller's membership of the cooperative (404 when they are not a member).")
            .Produces<MemberView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
