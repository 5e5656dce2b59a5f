using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Members;

/// <summary>
/// Who may see the cooperative's governance (anyone with a role in it, and its members, who may have no role: a
/// customer admitted into the customers' college), and who may act in it (its members only). Everyone else with a
/// token gets 403, whatever they hold in other cooperatives.
/// </summary>
public static class GovernanceAccess
{
    public const string NotAMember = "governance.not_a_member";

    public static Guid AccountOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : throw new InvalidOperationException("A signed-in caller always has a subject.");

    /// <summary>Signed in, and a role in the route's cooperative or a member of it.</summary>
    public static RouteHandlerBuilder RequireGovernanceReader(this RouteHandlerBuilder endpoint) => endpoint.RequireMembership(roleSuffices: true);

    /// <summary>Signed in and a member of the route's cooperative.</summary>
    public static RouteHandlerBuilder RequireGovernanceMember(this RouteHandlerBuilder endpoint) => endpoint.RequireMembership(roleSuffices: false);

    private static RouteHandlerBuilder RequireMembership(this RouteHandlerBuilder endpoint, bool roleSuffices) =>
        endpoint
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (TenantId.TryParse(http.GetRouteValue("coop") as string, out var coop))
                {
                    if (roleSuffices && http.User.RolesIn(coop).Count > 0)
                    {
                        return await next(context);
                    }

                    await using var session = http.RequestServices.GetRequiredService<CooperativeSessions>().QuerySession(coop);
                    if (await session.LoadAsync<Member>(AccountOf(http.User), http.RequestAborted) is not null)
                    {
                        return await next(context);
                    }
                }

                return CodedProblems.Refused(NotAMember, StatusCodes.Status403Forbidden, "Only the cooperative's members may do this.");
            })
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
