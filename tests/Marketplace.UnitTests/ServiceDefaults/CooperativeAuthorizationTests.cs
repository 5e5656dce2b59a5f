using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Marketplace.UnitTests.ServiceDefaults;

public class CooperativeAuthorizationTests
{
    private static readonly CooperativeRoleRequirement AnyRole = new(null);

    private static readonly CooperativeRoleRequirement Admin = new("admin");

    [Fact]
    public void RolesIn_returns_only_the_roles_of_the_named_cooperative()
    {
        // Given a user with roles in two cooperatives, one whose slug extends the other's, and malformed claims
        var user = User("alpine:admin", "alpine:seller", "alpine-2:customer", "jura:admin", "alpine", ":admin");

        // When their roles in alpine are read
        var roles = user.RolesIn(TenantId.Parse("alpine"));

        // Then only alpine's are returned
        Assert.Equal(["admin", "seller"], roles.Order());
    }

    [Fact]
    public void RolesIn_ignores_claims_other_than_coop_role()
    {
        // Given a platform admin with no cooperative role
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(CooperativeAuthorization.PlatformRoleClaim, "alpine:admin"), new Claim("role", "alpine:admin")], "test"));

        // Then they have no role in alpine
        Assert.Empty(user.RolesIn(TenantId.Parse("alpine")));
    }

    [Fact]
    public async Task Member_of_the_route_cooperative_is_authorized()
    {
        // Given a customer of alpine asking for alpine
        var context = Authorize(AnyRole, User("alpine:customer"), RouteTo("alpine"));

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is met
        Assert.True(context.HasSucceeded);
    }

    [Fact]
    public async Task Member_of_another_cooperative_only_is_refused()
    {
        // Given an admin of jura asking for alpine
        var context = Authorize(AnyRole, User("jura:admin"), RouteTo("alpine"));

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is not met
        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task Customer_is_refused_where_admin_is_required()
    {
        // Given a customer of alpine (and admin elsewhere) asking for an admin action in alpine
        var context = Authorize(Admin, User("alpine:customer", "jura:admin"), RouteTo("alpine"));

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is not met
        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task Admin_of_the_route_cooperative_is_authorized_where_admin_is_required()
    {
        // Given an admin of alpine asking for an admin action in alpine
        var context = Authorize(Admin, User("alpine:customer", "alpine:admin"), RouteTo("alpine"));

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is met
        Assert.True(context.HasSucceeded);
    }

    [Fact]
    public async Task Request_whose_route_names_no_cooperative_is_refused()
    {
        // Given a member of alpine on a route without {coop}
        var context = Authorize(AnyRole, User("alpine:admin"), new DefaultHttpContext());

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is not met
        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task Request_whose_route_names_an_invalid_slug_is_refused()
    {
        // Given a user whose claim names the same invalid slug as the route
        var context = Authorize(AnyRole, User("Alpine:admin"), RouteTo("Alpine"));

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is not met
        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task Authorization_without_an_http_request_is_refused()
    {
        // Given a member of alpine, checked against no HTTP request
        var context = Authorize(AnyRole, User("alpine:admin"), resource: null);

        // When the handler runs
        await new CooperativeRoleHandler().HandleAsync(context);

        // Then the requirement is not met
        Assert.False(context.HasSucceeded);
    }

    private static ClaimsPrincipal User(params string[] memberships) => new(new ClaimsIdentity(
        memberships.Select(membership => new Claim(CooperativeAuthorization.CooperativeRoleClaim, membership)), "test"));

    private static DefaultHttpContext RouteTo(string coop)
    {
        var http = new DefaultHttpContext();
        http.Request.RouteValues["coop"] = coop;
        return http;
    }

    private static AuthorizationHandlerContext Authorize(CooperativeRoleRequirement requirement, ClaimsPrincipal user, HttpContext? resource) =>
        new([requirement], user, resource);
}
