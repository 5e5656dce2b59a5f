using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Accounts;

public sealed class SigningUpTests : MarketplaceTest
{
    [Fact]
    public async Task New_account_signs_in_and_reads_itself()
    {
        var email = AccountsApi.NewEmail();
        using var anonymous = App.PlatformClient();
        var signUp = await anonymous.PostAsJsonAsync("/api/accounts", new { email, password = AccountsApi.Password, displayName = "Ana Martin", language = "fr" });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var created = await signUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, created.GetProperty("email").GetString());
        Assert.Equal("fr", created.GetProperty("language").GetString());
        Assert.False(created.TryGetProperty("password", out _));
        Assert.False(created.TryGetProperty("passwordHash", out _));

        var tokens = await App.SignInAsync(email);

        Assert.Equal("Bearer", tokens.Body.GetProperty("token_type").GetString());
        Assert.InRange(tokens.Body.GetProperty("expires_in").GetInt32(), 800, 900);
        Assert.Equal("RS256", tokens.Jwt.Alg);
        Assert.Equal(MarketplaceApp.Issuer, tokens.Jwt.Issuer);
        Assert.Contains("marketplace-api", tokens.Jwt.Audiences);
        Assert.Equal(created.GetProperty("id").GetString(), tokens.Jwt.Subject);
        Assert.Equal(email, tokens.Jwt.GetClaim("email").Value);
        Assert.Equal("Ana Martin", tokens.Jwt.GetClaim("name").Value);
        Assert.Empty(tokens.CooperativeRoles);
        Assert.False(tokens.Jwt.TryGetClaim("platform_role", out _));

        using var client = App.PlatformClient(tokens.Access);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal("Ana Martin", me.GetProperty("displayName").GetString());
        Assert.False(me.GetProperty("platformAdmin").GetBoolean());
        Assert.Empty(me.GetProperty("memberships").EnumerateArray());
    }

    [Fact]
    public async Task Email_already_taken_in_any_case_is_a_conflict_on_the_email_field()
    {
        var email = AccountsApi.NewEmail();
        await App.SignUpAsync(email);
        using var client = App.PlatformClient();

        var again = await client.PostAsJsonAsync("/api/accounts", new { email = email.ToUpperInvariant(), password = "another password", displayName = "Other", language = "en" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Theory]
    [InlineData("short-pw")]
    [InlineData("aaaaaaaaaaaa")]
    public async Task Weak_password_is_a_field_error(string password)
    {
        using var client = App.PlatformClient();

        var response = await client.PostAsJsonAsync("/api/accounts", new { email = AccountsApi.NewEmail(), password, displayName = "Ana", language = "en" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Validation errors are keyed by the JSON member, camelCase, like every endpoint's.
        Assert.Equal(["password"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name.ToLowerInvariant()));
    }

    [Fact]
    public async Task Configured_platform_admin_gets_the_platform_role_and_others_do_not()
    {
        // MarketplaceApp configures platform-admin@marketplace.test as the platform admin.
        var other = $"platform-admin-{Guid.NewGuid():N}@marketplace.test";
        await App.SignUpAsync(other);
        using var client = App.PlatformClient();
        await client.PostAsJsonAsync("/api/accounts", new { email = "Platform-Admin@marketplace.test", password = AccountsApi.Password, displayName = "Ops", language = "en" });

        var admin = await App.SignInAsync("platform-admin@marketplace.test");

        Assert.Equal("platform-admin", admin.Jwt.GetClaim("platform_role").Value);
        using var me = App.PlatformClient(admin.Access);
        Assert.True((await me.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("platformAdmin").GetBoolean());
        Assert.False((await App.SignInAsync(other)).Jwt.TryGetClaim("platform_role", out _));
    }
}
