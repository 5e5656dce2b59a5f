using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Marketplace.IntegrationTests.Infrastructure;
using MimeKit;

namespace Marketplace.IntegrationTests.Accounts;

public sealed partial class ResettingPasswordTests : MarketplaceTest
{
    [Fact]
    public async Task Reset_by_mail_sets_a_new_password_and_the_old_one_stops_working()
    {
        var email = AccountsApi.NewEmail("forgetful");
        await App.SignUpAsync(email, language: "fr", displayName: "Léa");
        var before = await App.SignInAsync(email);
        using var client = App.PlatformClient();

        var asked = await client.PostAsJsonAsync("/api/accounts/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var mail = await MailToAsync(email);
        Assert.Equal("Réinitialiser votre mot de passe", mail.Subject);
        Assert.Contains("Bonjour Léa", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value);
        Assert.Equal("https://web.marketplace.test/fr/reset-password", link.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(link.Query);
        Assert.Equal(email, query["email"]);

        var confirmed = await client.PostAsJsonAsync("/api/accounts/password-reset/confirm", new { email, token = query["token"], newPassword = "a brand new password" });

        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(await App.PasswordGrantAsync(email)));
        await App.SignInAsync(email, "a brand new password");
        // Sessions signed in with the old password end too.
        Assert.Equal("invalid_grant", await AccountsApi.ErrorOf(await App.RefreshGrantAsync(before.Refresh)));
        // The link works once.
        var reused = await client.PostAsJsonAsync("/api/accounts/password-reset/confirm", new { email, token = query["token"], newPassword = "yet another password" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.True((await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Reset_mail_is_in_english_for_an_english_account()
    {
        var email = AccountsApi.NewEmail("english");
        await App.SignUpAsync(email, language: "en", displayName: "Sam");
        using var client = App.PlatformClient();

        await client.PostAsJsonAsync("/api/accounts/password-reset", new { email });

        var mail = await MailToAsync(email);
        Assert.Equal("Reset your password", mail.Subject);
        Assert.Contains("/en/reset-password?", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_no_mail()
    {
        var email = AccountsApi.NewEmail("nobody");
        using var client = App.PlatformClient();

        var response = await client.PostAsJsonAsync("/api/accounts/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // Mail is sent before the answer, so there is nothing to wait for.
        Assert.DoesNotContain(App.Mail.Received(), m => m.ToAddresses.Any(a => a.Address == email));
    }

    [Fact]
    public async Task Made_up_token_is_a_field_error()
    {
        var email = AccountsApi.NewEmail();
        await App.SignUpAsync(email);
        using var client = App.PlatformClient();

        var response = await client.PostAsJsonAsync("/api/accounts/password-reset/confirm", new { email, token = "made-up", newPassword = "a brand new password" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
        await App.SignInAsync(email);
    }

    private async Task<MimeMessage> MailToAsync(string email)
    {
        netDumbster.smtp.SmtpMessage? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = App.Mail.Received().LastOrDefault(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)) && m.Data.Contains("reset-password", StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, "a mail to " + email);
        return await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(found!.Data)));
    }

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex Link();
}
