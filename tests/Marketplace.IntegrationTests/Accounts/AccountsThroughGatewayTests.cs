using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Accounts;

/// <summary>What a browser or a script does, through the public entry point only.</summary>
public sealed class AccountsThroughGatewayTests : GatewayTest
{

    [Fact]
    public async Task Sign_up_sign_in_create_a_cooperative_and_list_its_members_through_the_gateway()
    {
        var email = AccountsApi.NewEmail("gateway");
        using var anonymous = Gateway.Client();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/accounts", new { email, password = AccountsApi.Password, displayName = "Via Gateway", language = "en" })).StatusCode);
        var signIn = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = AccountsApi.Password,
            ["scope"] = "offline_access",
        }));
        var tokens = await Tokens.ReadAsync(signIn);

        var slug = MarketplaceApp.NewSlug();
        var cooperative = new { slug = slug.Value, name = "Coop " + slug, country = "FR", currency = "EUR", languages = new[] { "fr" } };
        using (var signedIn = Gateway.Client(tokens.Access))
        {
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/me")).StatusCode);

            // Not before the address is confirmed: refused with the code the web app offers "send again" on, nothing created
            var unconfirmed = await signedIn.PostAsJsonAsync("/api/cooperatives", cooperative);
            Assert.Equal(HttpStatusCode.Forbidden, unconfirmed.StatusCode);
            Assert.Equal("account.email_unconfirmed", (await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/cooperatives/{slug}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token = await App.ConfirmationTokenMailedToAsync(email) })).StatusCode);
        var confirmed = await RefreshAsync(anonymous, tokens.Refresh);
        using (var founder = Gateway.Client(confirmed.Access))
        {
            Assert.Equal(HttpStatusCode.Created, (await founder.PostAsJsonAsync("/api/cooperatives", cooperative)).StatusCode);
        }

        using var admin = Gateway.Client((await RefreshAsync(anonymous, confirmed.Refresh)).Access);
        var members = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{slug}/memberships");
        Assert.Equal(email, Assert.Single(members.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{slug}/memberships", new { email, role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/accounts/password-reset", new { email = "nobody@example.org" })).StatusCode);
    }

    private static async Task<Tokens> RefreshAsync(HttpClient anonymous, string refreshToken) =>
        await Tokens.ReadAsync(await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        })));
}
