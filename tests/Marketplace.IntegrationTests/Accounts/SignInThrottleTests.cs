using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Platform;
using Marketplace.Platform.Notifications;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Marketplace.IntegrationTests.Accounts;

/// <summary>
/// The password grant's per-address lock, against a Platform host of this class's own whose clock the tests move
/// (same database as the shared one: the lock is stored, not held in a process).
/// </summary>
public sealed class SignInThrottleTests : MarketplaceTest
{
    private const string Wrong = "not the password at all";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<PlatformService> _platform = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _platform = App.PlatformWithClock(_clock);
    }

    public override async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_address_even_for_the_right_one_until_the_delay_has_passed()
    {
        var email = AccountsApi.NewEmail("guessed");
        await App.SignUpAsync(email);

        for (var i = 1; i < 5; i++)
        {
            var wrong = await PasswordGrantAsync(email, Wrong);
            Assert.Equal("The email or the password is wrong.", (await ErrorAsync(wrong)).Description);
        }

        var fifth = await ErrorAsync(await PasswordGrantAsync(email, Wrong));
        var right = await PasswordGrantAsync(email, AccountsApi.Password);

        Assert.Equal(("invalid_grant", "account.sign_in_locked", 60L), (fifth.Error, fifth.Code, fifth.RetryAfter));
        Assert.Contains("try again in 1 min", fifth.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal("account.sign_in_locked", (await ErrorAsync(right)).Code);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var almost = await ErrorAsync(await PasswordGrantAsync(email, AccountsApi.Password));
        Assert.Equal(("account.sign_in_locked", 1L), (almost.Code, almost.RetryAfter));

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await PasswordGrantAsync(email, AccountsApi.Password)).StatusCode);
    }

    [Fact]
    public async Task Each_further_lock_lasts_twice_as_long()
    {
        var email = AccountsApi.NewEmail("stubborn");
        await App.SignUpAsync(email);
        await FailAsync(email, 5);

        _clock.Advance(TimeSpan.FromSeconds(61));
        var second = await ErrorAsync(await PasswordGrantAsync(email, Wrong));
        _clock.Advance(TimeSpan.FromSeconds(61));
        var stillLocked = await ErrorAsync(await PasswordGrantAsync(email, AccountsApi.Password));
        _clock.Advance(TimeSpan.FromSeconds(61));
        var third = await ErrorAsync(await PasswordGrantAsync(email, Wrong));

        Assert.Equal(("account.sign_in_locked", 120L), (second.Code, second.RetryAfter));
        Assert.Equal(("account.sign_in_locked", 59L), (stillLocked.Code, stillLocked.RetryAfter));
        Assert.Equal(("account.sign_in_locked", 240L), (third.Code, third.RetryAfter));
    }

    [Fact]
    public async Task A_success_starts_the_count_again()
    {
        var email = AccountsApi.NewEmail("clumsy");
        await App.SignUpAsync(email);
        await FailAsync(email, 4);

        Assert.Equal(HttpStatusCode.OK, (await PasswordGrantAsync(email, AccountsApi.Password)).StatusCode);
        await FailAsync(email, 4);
        var stillFree = await PasswordGrantAsync(email, AccountsApi.Password);

        Assert.Equal(HttpStatusCode.OK, stillFree.StatusCode);
    }

    [Fact]
    public async Task A_lock_mails_the_owner_once_in_their_language_with_a_hint_to_reset_the_password()
    {
        var email = AccountsApi.NewEmail("targeted");
        var account = await App.SignUpAsync(email, language: "fr", displayName: "Léa");

        await FailAsync(email, 5);
        await FailAsync(email, 3); // refused while locked: no new lock, no new mail

        var mail = Assert.Single(await MailsToAsync(email, 1, "Connexion bloquée après plusieurs mots de passe erronés"));
        Assert.Equal("Connexion bloquée après plusieurs mots de passe erronés", mail.Subject);
        Assert.Contains("Bonjour Léa", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://web.marketplace.test/fr/forgot-password", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await MailsInOutboxAsync(account));

        // A second lock, once the first has passed, is a second mail (written with the lock; delivered as any other).
        _clock.Advance(TimeSpan.FromSeconds(61));
        await FailAsync(email, 1);
        Assert.Equal(2, await MailsInOutboxAsync(account));
    }

    [Fact]
    public async Task Concurrent_wrong_passwords_all_count_and_lock_once()
    {
        var email = AccountsApi.NewEmail("botnet");
        var account = await App.SignUpAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PasswordGrantAsync(email, Wrong)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        Assert.Equal("account.sign_in_locked", (await ErrorAsync(await PasswordGrantAsync(email, AccountsApi.Password))).Code);
        Assert.Equal(1, await MailsInOutboxAsync(account));
    }

    [Fact]
    public async Task An_unknown_address_is_locked_the_same_way_and_nobody_is_mailed()
    {
        var known = AccountsApi.NewEmail("known");
        var unknown = AccountsApi.NewEmail("unknown");
        await App.SignUpAsync(known);

        for (var i = 0; i < 5; i++)
        {
            var fromKnown = await PasswordGrantAsync(known, Wrong);
            var fromUnknown = await PasswordGrantAsync(unknown, Wrong);
            Assert.Equal(fromKnown.StatusCode, fromUnknown.StatusCode);
            Assert.Equal(await fromKnown.Content.ReadAsStringAsync(), await fromUnknown.Content.ReadAsStringAsync());
        }

        var lockedKnown = await PasswordGrantAsync(known, AccountsApi.Password);
        var lockedUnknown = await PasswordGrantAsync(unknown, AccountsApi.Password);

        Assert.Equal("account.sign_in_locked", (await ErrorAsync(lockedUnknown)).Code);
        Assert.Equal(await lockedKnown.Content.ReadAsStringAsync(), await lockedUnknown.Content.ReadAsStringAsync());
        await MailsToAsync(known, 1); // the owner of the known one is told, by then the unknown one would have been too
        Assert.DoesNotContain(App.Mail.Received(), m => m.ToAddresses.Any(a => a.Address == unknown));
    }

    [Fact]
    public async Task The_refusal_speaks_french_to_a_french_client()
    {
        var email = AccountsApi.NewEmail("francophone");
        await FailAsync(email, 5);

        var response = await PasswordGrantAsync(email, AccountsApi.Password, language: "fr-FR,fr;q=0.9,en;q=0.5");

        Assert.StartsWith("Trop de mots de passe erronés pour cette adresse : la connexion est bloquée jusqu'à", (await ErrorAsync(response)).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_ends_the_lock()
    {
        var email = AccountsApi.NewEmail("rescued");
        await App.SignUpAsync(email);
        await FailAsync(email, 5);
        using var client = _platform.CreateClient();
        await client.PostAsync("/api/accounts/password-reset", JsonBody(new { email }));
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(System.Text.RegularExpressions.Regex.Match(
            (await MailsToAsync(email, 1, "Reset your password")).Single().TextBody ?? "", @"https://\S+").Value).Query)["token"];

        var reset = await client.PostAsync("/api/accounts/password-reset/confirm", JsonBody(new { email, token, newPassword = "a brand new password" }));

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PasswordGrantAsync(email, "a brand new password")).StatusCode);
    }

    private async Task<int> MailsInOutboxAsync(Guid account)
    {
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<OutgoingMail>().CountAsync(m => m.AccountId == account && m.Id.StartsWith("sign-in-locked:"));
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PasswordGrantAsync(email, Wrong)).StatusCode);
        }
    }

    private async Task<HttpResponseMessage> PasswordGrantAsync(string email, string password, string? language = null)
    {
        using var client = _platform.CreateClient();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "password"), KeyValuePair.Create("username", email), KeyValuePair.Create("password", password)]));
    }

    private static StringContent JsonBody(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<(string? Error, string? Description, string? Code, long? RetryAfter)> ErrorAsync(HttpResponseMessage response)
    {
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return (
            body.GetProperty("error").GetString(),
            body.GetProperty("error_description").GetString(),
            body.TryGetProperty("code", out var code) ? code.GetString() : null,
            body.TryGetProperty("retry_after", out var retry) ? retry.GetInt64() : null);
    }

    private async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string email, int count, string? subject = null)
    {
        List<netDumbster.smtp.SmtpMessage> found = [];
        await Eventually.TrueAsync(() =>
        {
            found = [.. App.Mail.Received().Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))
                && !m.Data.Contains("confirm-email", StringComparison.Ordinal))];
            return Task.FromResult(found.Count >= count);
        }, $"{count} mail(s) to {email}");
        var mails = await Task.WhenAll(found.Select(m => MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))));
        return [.. mails.Where(m => subject is null || m.Subject == subject)];
    }
}
