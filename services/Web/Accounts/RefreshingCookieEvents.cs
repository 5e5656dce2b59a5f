using System.Globalization;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>
/// Access tokens live 15 minutes, the cookie much longer: when the stored access token is about to
/// expire, or was received more than a minute ago, the refresh token gets a new one (with the roles as they are now,
/// so a role an admin granted shows in the pages' links within a minute). If the refresh token is
/// refused, the session is over and the user signs in again; if the API is unavailable, it is tried again next time.
/// </summary>
internal sealed class RefreshingCookieEvents(MarketplaceApi api, TimeProvider clock) : CookieAuthenticationEvents
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long the roles in a token are trusted before a page load asks the Platform again (one refresh a minute per active user at most).</summary>
    internal static readonly TimeSpan RolesFreshFor = TimeSpan.FromMinutes(1);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (!NeedsRefresh(context.Properties, clock.GetUtcNow()))
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue(TokenSession.RefreshToken);
        Tokens? tokens;
        try
        {
            tokens = refreshToken is null ? null : await api.RefreshAsync(refreshToken, context.HttpContext.RequestAborted);
        }
        catch (ApiUnavailableException)
        {
            // The Platform is busy, not saying no: the session stays as it is and the next request refreshes.
            // Throwing here would fault the cookie handler for the whole request, the "try again" page included.
            return;
        }

        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var properties = TokenSession.Properties(tokens with { RefreshToken = tokens.RefreshToken ?? refreshToken }, clock);
        context.Properties.StoreTokens(properties.GetTokens());
        context.ReplacePrincipal(TokenSession.Principal(tokens.AccessToken));
        context.ShouldRenew = true;
    }

    /// <summary>The stored access token expires within a minute, or was received more than <see cref="RolesFreshFor"/> ago (or the cookie does not say).</summary>
    internal static bool NeedsRefresh(AuthenticationProperties properties, DateTimeOffset now) =>
        !(Time(properties, TokenSession.ExpiresAt) is { } expiry && expiry - Margin > now
          && Time(properties, TokenSession.IssuedAt) is { } issued && now - issued < RolesFreshFor);

    private static DateTimeOffset? Time(AuthenticationProperties properties, string name) =>
        properties.GetTokenValue(name) is { } value
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;
}
