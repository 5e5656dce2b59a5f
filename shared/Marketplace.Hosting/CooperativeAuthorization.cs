using System.Security.Claims;
using Marketplace.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Hosting;

/// <summary>
/// Roles are per cooperative: the token carries one <c>coop_role</c> claim per membership, "slug:role".
/// The cooperative of a request is the one its route names ({coop}); a token for another cooperative
/// gets 403, whatever any header says.
/// </summary>
public static class CooperativeAuthorization
{
    public const string CooperativeRoleClaim = "coop_role";
    public const string PlatformRoleClaim = "platform_role";
    public const string PlatformAdmin = "platform-admin";

    /// <summary>Any role in the route's cooperative.</summary>
    public const string MemberPolicy = "cooperative-member";

    /// <summary>Admin of the route's cooperative.</summary>
    public const string AdminPolicy = "cooperative-admin";

    public const string PlatformAdminPolicy = "platform-admin";

    public static IReadOnlyCollection<string> RolesIn(this ClaimsPrincipal user, TenantId tenant) =>
        user.FindAll(CooperativeRoleClaim)
            .Select(claim => claim.Value.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0] == tenant.Value)
            .Select(parts => parts[1])
            .ToArray();

    internal static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(MemberPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new CooperativeRoleRequirement(null)));
        options.AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new CooperativeRoleRequirement("admin")));
        options.AddPolicy(PlatformAdminPolicy, policy => policy.RequireClaim(PlatformRoleClaim, PlatformAdmin));
    }
}

internal sealed record CooperativeRoleRequirement(string? Role) : IAuthorizationRequirement;

internal sealed class CooperativeRoleHandler : AuthorizationHandler<CooperativeRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CooperativeRoleRequirement requirement)
    {
        var route = (context.Resource as HttpContext)?.GetRouteValue("coop") as string;
        if (TenantId.TryParse(route, out var tenant))
        {
            var roles = context.User.RolesIn(tenant);
            if (requirement.Role is null ? roles.Count > 0 : roles.Contains(requirement.Role))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
