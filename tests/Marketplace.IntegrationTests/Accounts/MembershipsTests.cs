using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Accounts;

public sealed class MembershipsTests : MarketplaceTest
{
    [Fact]
    public async Task Creator_of_a_cooperative_becomes_its_admin_and_member()
    {
        var email = AccountsApi.NewEmail("founder");
        await App.SignUpAsync(email);
        var tokens = await App.SignInAsync(email);

        var tenant = await CreateCooperativeAsync(tokens.Access);

        var refreshed = await App.RefreshAsync(tokens);
        Assert.Contains($"{tenant}:admin", refreshed.CooperativeRoles);
        Assert.Contains($"{tenant}:member", refreshed.CooperativeRoles);
        using var client = App.PlatformClient(refreshed.Access);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        var membership = Assert.Single(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal(tenant.Value, membership.GetProperty("coop").GetString());
        Assert.Equal(["member", "admin"], membership.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var members = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.Equal(email, Assert.Single(members.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Admin_gives_a_second_account_the_shop_owner_role_which_its_next_token_carries()
    {
        var (tenant, admin) = await CooperativeWithAdminAsync();
        var ownerEmail = AccountsApi.NewEmail("owner");
        var ownerId = await App.SignUpAsync(ownerEmail, displayName: "Paul Boulanger");
        var ownerTokens = await App.SignInAsync(ownerEmail);
        Assert.Empty(ownerTokens.CooperativeRoles);

        using var client = App.PlatformClient(admin);
        var added = await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email = ownerEmail.ToUpperInvariant(), role = "shop_owner" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ownerId, body.GetProperty("accountId").GetGuid());
        Assert.Equal("Paul Boulanger", body.GetProperty("displayName").GetString());
        Assert.Equal(["shop_owner"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([$"{tenant}:shop_owner"], (await App.RefreshAsync(ownerTokens)).CooperativeRoles);

        var again = await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email = ownerEmail, role = "shop_owner" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var members = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships");
        Assert.Equal(2, members.GetProperty("items").GetArrayLength());
        Assert.Equal(2, members.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Members_are_listed_by_email_a_page_at_a_time()
    {
        // Given a cooperative with its admin and two more members
        var (tenant, admin) = await CooperativeWithAdminAsync();
        using var client = App.PlatformClient(admin);
        foreach (var name in new[] { "zoe", "alice" })
        {
            var email = AccountsApi.NewEmail(name);
            await App.SignUpAsync(email);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email, role = "customer" })).StatusCode);
        }

        // When the admin reads them two at a time
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships?pageSize=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships?pageSize=2&page=2");
        var beyond = await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/memberships?pageSize=2&page=3");

        // Then every member is on exactly one page, in e-mail order, and each page knows the total
        var emails = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(m => m.GetProperty("email").GetString()!).ToList();
        Assert.Equal(3, emails.Distinct().Count());
        Assert.Equal(emails.Order(StringComparer.OrdinalIgnoreCase), emails);
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal([3L, 3L, 3L], new[] { first, second, beyond }.Select(p => p.GetProperty("total").GetInt64()));
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/coops/{tenant}/memberships?pageSize=201")).StatusCode);
    }

    [Fact]
    public async Task Adding_an_unknown_email_is_not_found_on_the_email_field()
    {
        var (tenant, admin) = await CooperativeWithAdminAsync();
        using var client = App.PlatformClient(admin);

        var response = await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email = AccountsApi.NewEmail("nobody"), role = "member" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Non_admin_and_admin_of_another_cooperative_can_neither_list_nor_add_members()
    {
        var (tenant, admin) = await CooperativeWithAdminAsync();
        var memberEmail = AccountsApi.NewEmail("member");
        await App.SignUpAsync(memberEmail);
        using (var asAdmin = App.PlatformClient(admin))
        {
            Assert.Equal(HttpStatusCode.Created, (await asAdmin.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email = memberEmail, role = "member" })).StatusCode);
        }

        var member = (await App.SignInAsync(memberEmail)).Access;
        var (_, otherAdmin) = await CooperativeWithAdminAsync();

        foreach (var token in new[] { member, otherAdmin })
        {
            using var client = App.PlatformClient(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/coops/{tenant}/memberships")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email = memberEmail, role = "admin" })).StatusCode);
        }
    }

    /// <summary>A new account creates a cooperative; returns it and the account's refreshed token (admin of it).</summary>
    private async Task<(TenantId Tenant, string AdminToken)> CooperativeWithAdminAsync()
    {
        var email = AccountsApi.NewEmail("admin");
        await App.SignUpAsync(email);
        var tokens = await App.SignInAsync(email);
        var tenant = await CreateCooperativeAsync(tokens.Access);
        return (tenant, (await App.RefreshAsync(tokens)).Access);
    }

    private async Task<TenantId> CreateCooperativeAsync(string token)
    {
        var tenant = MarketplaceApp.NewSlug();
        using var client = App.PlatformClient(token);
        var response = await client.PostAsJsonAsync("/api/cooperatives", new { slug = tenant.Value, name = "Coop " + tenant, country = "FR", currency = "EUR", languages = new[] { "fr", "en" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return tenant;
    }
}
