using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Platform;
using Marketplace.Platform.Notifications;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.IntegrationTests.Accounts;

/// <summary>A new account confirms its address by the link mailed at sign-up; the tokens say whether it has.</summary>
public sealed class ConfirmingEmailTests : MarketplaceTest
{
    [Fact]
    public async Task Sign_up_mails_a_link_in_the_accounts_language_that_confirms_the_address_once()
    {
        var email = AccountsApi.NewEmail("newcomer");
        await App.SignUpAsync(email, language: "fr", displayName: "Léa", confirm: false);
        var before = await App.SignInAsync(email);
        var mail = (await App.MailsToAsync(email, AccountsApi.IsConfirmationMail))[^1];
        var token = await App.ConfirmationTokenMailedToAsync(email);
        using var client = App.PlatformClient();

        var confirmed = await client.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token });
        var reused = await client.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token });

        Assert.Equal("Confirmez votre adresse e-mail", mail.Subject);
        Assert.Contains("Bonjour Léa", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://web.marketplace.test/fr/confirm-email?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("false", before.Jwt.GetClaim("email_verified").Value);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        // A token minted before the confirmation says so once refreshed (claims are read afresh at every grant).
        Assert.Equal("true", (await App.RefreshAsync(before)).Jwt.GetClaim("email_verified").Value);
        await AssertFieldErrorAsync(reused, "token", "account.confirmation_link_invalid");
    }

    [Fact]
    public async Task Made_up_token_is_a_field_error()
    {
        using var client = App.PlatformClient();

        var response = await client.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token = "made-up" });

        await AssertFieldErrorAsync(response, "token", "account.confirmation_link_invalid");
    }

    [Fact]
    public async Task Resend_waits_a_minute_between_mails_then_mails_a_new_link_and_an_expired_link_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = StartPlatform(clock);
        var email = AccountsApi.NewEmail("impatient");
        using var anonymous = platform.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/accounts", new { email, password = AccountsApi.Password, displayName = "Sam", language = "en" })).StatusCode);
        var first = await App.ConfirmationTokenMailedToAsync(email);
        var signedIn = await App.SignInAsync(email);
        using var client = platform.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", signedIn.Access);

        var tooSoon = await client.PostAsync("/api/accounts/email-confirmation", null);
        clock.Advance(TimeSpan.FromSeconds(61));
        var resent = await client.PostAsync("/api/accounts/email-confirmation", null);
        clock.Advance(TimeSpan.FromDays(2));
        var expired = await anonymous.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token = first });

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.InRange(tooSoon.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("account.confirmation_resend_too_soon", (await tooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal(2, await ConfirmationMailsInOutboxAsync(signedIn.Jwt.Subject));
        await AssertFieldErrorAsync(expired, "token", "account.confirmation_link_invalid");
    }

    [Fact]
    public async Task Resend_to_a_confirmed_account_sends_nothing()
    {
        var email = AccountsApi.NewEmail("settled");
        await App.SignUpAsync(email);
        using var client = App.PlatformClient((await App.SignInAsync(email)).Access);

        var response = await client.PostAsync("/api/accounts/email-confirmation", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(await App.MailsToAsync(email, AccountsApi.IsConfirmationMail));
    }

    private async Task<int> ConfirmationMailsInOutboxAsync(string account)
    {
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<OutgoingMail>().CountAsync(m => m.AccountId == Guid.Parse(account) && m.Id.StartsWith("email-confirmation:"));
    }

    private WebApplicationFactory<PlatformService> StartPlatform(TimeProvider clock) => App.PlatformWithClock(clock);

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("codes").GetProperty(field)[0].GetString());
    }
}
