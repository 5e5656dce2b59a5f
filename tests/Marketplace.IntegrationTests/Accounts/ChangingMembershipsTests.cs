using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Accounts;

/// <summary>
/// The admin's desk (ADR 46): an admin changes a member's roles or removes her, never the cooperative's last admin;
/// a role taken is gone from the member's next token, so a removed admin loses her access at her next refresh.
/// </summary>
public sealed class ChangingMembershipsTests : MarketplaceTest
{
    [Fact]
    public async Task A_removed_admin_loses_the_role_at_her_next_refresh_and_with_it_the_admins_endpoints()
    {
        // Given a cooperative with two admins, the second signed in with the admin role in her token
        var (tenant, admin) = await CooperativeWithAdminAsync();
        var (secondEmail, secondId) = await MemberAsync(tenant, admin, "admin");
        var second = await App.RefreshAsync(await App.SignInAsync(secondEmail));
        Assert.Contains($"{tenant}:admin", second.CooperativeRoles);
        using (var asSecond = App.PlatformClient(second.Access))
        {
            Assert.Equal(HttpStatusCode.OK, (await asSecond.GetAsync($"/api/coops/{tenant}/memberships")).StatusCode);
        }

        // When the first admin makes her a plain member
        using var client = App.PlatformClient(admin);
        var changed = await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{secondId}", new { roles = new[] { "member" } });

        // Then the answer and the list say so, and her open session's next refresh carries no admin role: the admins' endpoints refuse her
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["member"], (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var refreshed = await App.RefreshAsync(second);
        Assert.Equal([$"{tenant}:member"], refreshed.CooperativeRoles);
        using (var asSecond = App.PlatformClient(refreshed.Access))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await asSecond.GetAsync($"/api/coops/{tenant}/memberships")).StatusCode);
        }

        // And once removed, her next refresh carries no role in the cooperative at all
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/coops/{tenant}/memberships/{secondId}")).StatusCode);
        Assert.Empty((await App.RefreshAsync(refreshed)).CooperativeRoles);
        var members = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.DoesNotContain(members.GetProperty("items").EnumerateArray(), m => m.GetProperty("accountId").GetGuid() == secondId);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/coops/{tenant}/memberships/{secondId}")).StatusCode);
    }

    [Fact]
    public async Task The_last_admin_keeps_her_role_and_her_membership()
    {
        // Given a cooperative whose only admin is its founder
        var (tenant, admin) = await CooperativeWithAdminAsync();
        using var client = App.PlatformClient(admin);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        var founder = me.GetProperty("id").GetGuid();

        // When she takes her own admin role, or removes herself
        var demoted = await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{founder}", new { roles = new[] { "member" } });
        var removed = await client.DeleteAsync($"/api/coops/{tenant}/memberships/{founder}");

        // Then both are refused with the same code, and she is still admin
        foreach (var answer in new[] { demoted, removed })
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Equal("membership.last_admin", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.Contains("admin", Assert.Single(members.GetProperty("items").EnumerateArray()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // And with a second admin, she may step down
        await MemberAsync(tenant, admin, "admin");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{founder}", new { roles = new[] { "member" } })).StatusCode);
    }

    [Fact]
    public async Task Bad_roles_are_refused_field_by_field_and_an_unknown_member_is_not_found()
    {
        var (tenant, admin) = await CooperativeWithAdminAsync();
        var (_, memberId) = await MemberAsync(tenant, admin, "member");
        using var client = App.PlatformClient(admin);

        var empty = await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{memberId}", new { roles = Array.Empty<string>() });
        var unknown = await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{memberId}", new { roles = new[] { "member", "king" } });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("required", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var wrong = Assert.Single((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateObject());
        Assert.Equal(("roles[1]", "membership.role"), (wrong.Name, wrong.Value[0].GetString())); // the second role, "king"
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{Guid.NewGuid()}", new { roles = new[] { "member" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/coops/{tenant}/memberships/{Guid.NewGuid()}")).StatusCode);
        var members = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.Equal(["member"], members.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("accountId").GetGuid() == memberId).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Only_the_cooperatives_admins_change_or_remove_its_members()
    {
        var (tenant, admin) = await CooperativeWithAdminAsync();
        var (memberEmail, memberId) = await MemberAsync(tenant, admin, "member");
        var member = (await App.RefreshAsync(await App.SignInAsync(memberEmail))).Access;
        var (otherTenant, otherAdmin) = await CooperativeWithAdminAsync();

        using (var anonymous = App.PlatformClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{memberId}", new { roles = new[] { "admin" } })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/coops/{tenant}/memberships/{memberId}")).StatusCode);
        }

        foreach (var token in new[] { member, otherAdmin })
        {
            using var client = App.PlatformClient(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/coops/{tenant}/memberships/{memberId}", new { roles = new[] { "admin" } })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/coops/{tenant}/memberships/{memberId}")).StatusCode);
        }

        // The other cooperative's admin, in her own cooperative, finds no such member
        using (var other = App.PlatformClient(otherAdmin))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/coops/{otherTenant}/memberships/{memberId}")).StatusCode);
        }

        using var asAdmin = App.PlatformClient(admin);
        var members = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.Equal(["member"], members.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("accountId").GetGuid() == memberId).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>A new account made a member of the cooperative with one role by its admin.</summary>
    private async Task<(string Email, Guid Id)> MemberAsync(TenantId tenant, string admin, string role)
    {
        var email = AccountsApi.NewEmail(role);
        var id = await App.SignUpAsync(email);
        using var client = App.PlatformClient(admin);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email, role })).StatusCode);
        return (email, id);
    }

    private async Task<(TenantId Tenant, string AdminToken)> CooperativeWithAdminAsync()
    {
        var email = AccountsApi.NewEmail("admin");
        await App.SignUpAsync(email);
        var tokens = await App.SignInAsync(email);
        var tenant = MarketplaceApp.NewSlug();
        using (var client = App.PlatformClient(tokens.Access))
        {
            var response = await client.PostAsJsonAsync("/api/cooperatives", new { slug = tenant.Value, name = "Coop " + tenant, country = "FR", currency = "EUR", languages = new[] { "fr", "en" } });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return (tenant, (await App.RefreshAsync(tokens)).Access);
    }
}
