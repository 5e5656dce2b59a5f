using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using MimeKit;

namespace Marketplace.IntegrationTests.Accounts;

/// <summary>Sign-up and the OAuth token endpoint as a client calls them.</summary>
internal static class AccountsApi
{
    public const string Password = "correct horse battery";

    public static string NewEmail(string who = "person") => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>
    /// Signs up, then (unless told not to) confirms the address the real way: opens the link of the confirmation mail
    /// the test SMTP server received.
    /// </summary>
    public static async Task<Guid> SignUpAsync(this MarketplaceApp app, string email, string password = Password, string language = "en", string displayName = "Ana Martin", bool confirm = true)
    {
        using var client = app.PlatformClient();
        var response = await client.PostAsJsonAsync("/api/accounts", new { email, password, displayName, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (confirm)
        {
            var confirmed = await client.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token = await app.ConfirmationTokenMailedToAsync(email) });
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        }

        return id;
    }

    public static bool IsConfirmationMail(MimeMessage mail) => mail.Subject is "Confirm your e-mail address" or "Confirmez votre adresse e-mail";

    /// <summary>The token of the last confirmation mail sent to that address.</summary>
    public static async Task<string> ConfirmationTokenMailedToAsync(this MarketplaceApp app, string email, int count = 1)
    {
        var mail = (await app.MailsToAsync(email, IsConfirmationMail, count))[^1];
        var link = new Uri(Regex.Match(mail.TextBody ?? "", @"https://\S+").Value);
        Assert.Equal("/" + ((mail.Subject ?? "").StartsWith("Confirmez", StringComparison.Ordinal) ? "fr" : "en") + "/confirm-email", link.AbsolutePath);
        return HttpUtility.ParseQueryString(link.Query)["token"]!;
    }

    /// <summary>
    /// The mails to that address that <paramref name="kind"/> accepts, once there are at least <paramref name="count"/>,
    /// oldest first. Timed out, the failure lists the subjects that did come.
    /// </summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailsToAsync(this MarketplaceApp app, string email, Func<MimeMessage, bool> kind, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    found = [.. app.Mail.Received()
                        .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
                        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
                        .Where(kind)];
                    return Task.FromResult(found.Count >= count);
                },
                $"{count} mail(s) to {email}",
                timeout);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}; came: {string.Join(" | ", found.Select(m => m.Subject))}");
        }

        return found;
    }

    public static async Task<HttpResponseMessage> PostTokenAsync(this MarketplaceApp app, params (string Name, string Value)[] form)
    {
        using var client = app.PlatformClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    public static Task<HttpResponseMessage> PasswordGrantAsync(this MarketplaceApp app, string email, string password = Password) =>
        app.PostTokenAsync(("grant_type", "password"), ("username", email), ("password", password), ("scope", "offline_access"));

    public static Task<HttpResponseMessage> RefreshGrantAsync(this MarketplaceApp app, string refreshToken) =>
        app.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    /// <summary>Signs in; returns the access and refresh tokens.</summary>
    public static async Task<Tokens> SignInAsync(this MarketplaceApp app, string email, string password = Password)
    {
        var response = await app.PasswordGrantAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Tokens.ReadAsync(response);
    }

    public static async Task<Tokens> RefreshAsync(this MarketplaceApp app, Tokens tokens)
    {
        var response = await app.RefreshGrantAsync(tokens.Refresh);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Tokens.ReadAsync(response);
    }

    public static async Task<string?> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}

internal sealed record Tokens(string Access, string Refresh, JsonElement Body)
{
    public JsonWebToken Jwt => new(Access);

    public IReadOnlyList<string> CooperativeRoles => [.. Jwt.Claims.Where(c => c.Type == "coop_role").Select(c => c.Value)];

    public static async Task<Tokens> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!, body);
    }
}
