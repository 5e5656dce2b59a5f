using System.Net;
using System.Net.Http.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Accounts;

public sealed class SigningInTests : MarketplaceTest
{
    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_invalid_grant()
    {
        var email = AccountsApi.NewEmail();
        await App.SignUpAsync(email);

        var wrongPassword = await App.PasswordGrantAsync(email, "not the password at all");
        var unknownEmail = await App.PasswordGrantAsync(AccountsApi.NewEmail("nobody"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEmail.StatusCode);
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(wrongPassword));
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(unknownEmail));
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownEmail.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Email_is_matched_whatever_its_case()
    {
        var email = AccountsApi.NewEmail();
        await App.SignUpAsync(email);

        var response = await App.PasswordGrantAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_gives_a_new_access_token_until_signed_out()
    {
        var email = AccountsApi.NewEmail();
        await App.SignUpAsync(email);
        var first = await App.SignInAsync(email);

        var refreshed = await App.RefreshAsync(first);
        Assert.NotEqual(first.Access, refreshed.Access);
        using (var me = App.PlatformClient(refreshed.Access))
        {
            Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/me")).StatusCode);
        }

        using var client = App.PlatformClient();
        var revoke = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent([KeyValuePair.Create("token", refreshed.Refresh)]));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        // The revoked token and the one it was refreshed from belong to the same signed-out session.
        var afterRevoke = await App.RefreshGrantAsync(refreshed.Refresh);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevoke.StatusCode);
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(afterRevoke));
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(await App.RefreshGrantAsync(first.Refresh)));

        // Another sign-in is another session.
        await App.RefreshAsync(await App.SignInAsync(email));
    }

    [Fact]
    public async Task Garbage_refresh_token_is_an_invalid_grant()
    {
        var response = await App.RefreshGrantAsync("not-a-refresh-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(response));
    }

    [Fact]
    public async Task Tokens_signed_with_hs256_or_another_rsa_key_are_refused()
    {
        var tenant = MarketplaceApp.NewSlug();
        var hs256 = MarketplaceApp.Token(MarketplaceApp.HmacCredentials("a-shared-secret-of-at-least-32-bytes!!"), MarketplaceApp.Issuer, [$"{tenant}:admin"]);
        var otherRsa = MarketplaceApp.Token(MarketplaceApp.OtherRsaCredentials(), MarketplaceApp.Issuer, [$"{tenant}:admin"]);

        foreach (var token in new[] { hs256, otherRsa })
        {
            using var platform = App.PlatformClient(token);
            using var catalog = App.CatalogClient(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await platform.GetAsync("/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await platform.PostAsJsonAsync("/api/cooperatives", new { slug = tenant.Value, name = "X", country = "FR", currency = "EUR", languages = new[] { "fr" } })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await catalog.PostAsJsonAsync($"/api/coops/{tenant}/shops", new { name = "X" })).StatusCode);
        }
    }
}
