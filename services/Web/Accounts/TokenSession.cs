using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>
/// The signed-in user's tokens, kept server-side: the access and refresh tokens are stored in the auth
/// cookie's properties, which ASP.NET Core encrypts (Data Protection); the browser never sees them.
/// The cookie's identity copies the access token's claims so pages can show names and roles.
/// </summary>
public sealed class TokenSession(IHttpContextAccessor accessor, MarketplaceApi api, TimeProvider clock)
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string ExpiresAt = "expires_at";

    /// <summary>When the stored access token was received: its roles are re-read from the Platform once it is older than a minute.</summary>
    public const string IssuedAt = "issued_at";

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("No current request.");

    /// <summary>The password grant, then the cookie; no tokens when the credentials are refused (or the address locked).</summary>
    public async Task<SignInAnswer> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var answer = await api.SignInAsync(email, password, cancellationToken);
        if (answer.Tokens is { } tokens)
        {
            await Context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(tokens.AccessToken), Properties(tokens, clock));
        }

        return answer;
    }

    /// <summary>The access token of the signed-in user (refreshed by the cookie events when it nears expiry).</summary>
    public Task<string?> AccessTokenAsync() => Context.GetTokenAsync(AccessToken);

    /// <summary>Fresh tokens now, e.g. after creating a cooperative, so the new role is in them; false when the session ended.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken) => await RenewAsync(cancellationToken) is not null;

    /// <summary>
    /// Fresh tokens after the API refused the caller: true when the roles in them differ from those the request was
    /// made with (an admin granted or took a role since the token was issued), so the same request is worth trying again.
    /// </summary>
    public async Task<bool> RolesChangedAsync(CancellationToken cancellationToken)
    {
        var before = Context.User;
        return await RenewAsync(cancellationToken) is { } after && !UserClaims.SameRoles(before, after);
    }

    private async Task<ClaimsPrincipal?> RenewAsync(CancellationToken cancellationToken)
    {
        var refreshToken = await Context.GetTokenAsync(RefreshToken);
        var tokens = refreshToken is null ? null : await api.RefreshAsync(refreshToken, cancellationToken);
        if (tokens is null)
        {
            return null;
        }

        var principal = Principal(tokens.AccessToken);
        await Context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, Properties(tokens with { RefreshToken = tokens.RefreshToken ?? refreshToken }, clock));
        return principal;
    }

    /// <summary>Revokes the refresh token (it no longer works anywhere), then clears the cookie.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (await Context.GetTokenAsync(RefreshToken) is { } refreshToken)
        {
            try
            {
                await api.RevokeAsync(refreshToken, cancellationToken);
            }
            catch (ApiUnavailableException)
            {
                // Signing out still clears the cookie, the only place that refresh token was kept: a busy
                // Platform must not keep someone signed in on a shared computer.
            }
        }

        await Context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    internal static AuthenticationProperties Properties(Tokens tokens, TimeProvider clock)
    {
        var properties = new AuthenticationProperties { IsPersistent = true };
        var stored = new List<AuthenticationToken>
        {
            new() { Name = AccessToken, Value = tokens.AccessToken },
            new() { Name = ExpiresAt, Value = clock.GetUtcNow().AddSeconds(tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture) },
            new() { Name = IssuedAt, Value = clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture) },
        };
        if (tokens.RefreshToken is not null)
        {
            stored.Add(new() { Name = RefreshToken, Value = tokens.RefreshToken });
        }

        properties.StoreTokens(stored);
        return properties;
    }

    /// <summary>
    /// The cookie's identity from the access token's payload. Not validated here: the token comes
    /// straight from the token endpoint over our own connection, and every service validates it anyway.
    /// </summary>
    internal static ClaimsPrincipal Principal(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length < 2)
        {
            throw new InvalidOperationException("The access token is not a JWT.");
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));

        var claims = new List<Claim>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name is not ("sub" or "email" or "name" or "coop_role" or "platform_role" or "email_verified"))
            {
                continue;
            }

            var values = property.Value.ValueKind == JsonValueKind.Array
                ? property.Value.EnumerateArray().Select(value => value.ToString())
                : [property.Value.ToString()];
            claims.AddRange(values.Select(value => new Claim(property.Name, value)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, "name", "coop_role"));
    }
}

/// <summary>What the cookie's claims say about the user.</summary>
public static class UserClaims
{
    public static string? DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.FindFirst("email")?.Value;

    public static bool HasCooperativeRole(this ClaimsPrincipal user, string slug, string role) =>
        user.HasClaim("coop_role", $"{slug}:{role}");

    /// <summary>The same roles in every cooperative and on the platform (order does not matter).</summary>
    public static bool SameRoles(ClaimsPrincipal one, ClaimsPrincipal other) =>
        Roles(one).SetEquals(Roles(other));

    private static HashSet<string> Roles(ClaimsPrincipal user) =>
        user.Claims.Where(claim => claim.Type is "coop_role" or "platform_role").Select(claim => $"{claim.Type}={claim.Value}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The token says the address is not confirmed yet: creating a cooperative or registering a shop is refused until it is.</summary>
    public static bool EmailUnconfirmed(this ClaimsPrincipal user) =>
        string.Equals(user.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase);
}
