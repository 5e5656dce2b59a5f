using Marten;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// POST /connect/token: OpenIddict parses and validates the OAuth request, then hands it here. The
/// password grant checks the password; the refresh grant checks the session was not signed out and the
/// password not changed since. Both read the account's roles afresh, so role changes reach the next token.
/// </summary>
internal static class IssueTokenEndpoint
{
    public static void MapIssueToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", async (
                HttpContext http, IQuerySession session, AccountPrincipals principals, IPasswordHasher<Account> hasher, SignInGuard guard, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
                if (request.IsPasswordGrantType())
                {
                    var normalized = Account.Normalize(request.Username ?? "");
                    if (normalized.Length is 0 or > MaximumEmailLength)
                    {
                        return InvalidGrant("The email or the password is wrong."); // no account has such an address: nothing to count
                    }

                    // The lock is read first and for every address, known or not: the answer tells nobody who has an account.
                    var attempts = await guard.ReadAsync(normalized, cancellationToken);
                    if (SignInThrottle.Before(attempts, clock.GetUtcNow()) is { } locked)
                    {
                        return Locked(http, locked, clock.GetUtcNow());
                    }

                    var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
                    // An unknown email costs the same hash check as a wrong password: timing tells nothing either.
                    var verdict = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? UnknownAccountHash.Value, request.Password ?? "");
                    if (account is null || verdict == PasswordVerificationResult.Failed)
                    {
                        return await guard.FailedAsync(normalized, account, cancellationToken) is SignInVerdict.Locked lockedNow
                            ? Locked(http, lockedNow, clock.GetUtcNow())
                            : InvalidGrant("The email or the password is wrong.");
                    }

                    if (attempts is not null)
                    {
                        await guard.SucceededAsync(normalized, cancellationToken);
                    }

                    var principal = await principals.ForAsync(account, Guid.NewGuid().ToString("N"), request.GetScopes(), cancellationToken);
                    return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                }

                if (request.IsRefreshTokenGrantType())
                {
                    var refresh = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
                    var sessionId = refresh?.GetClaim(TokenServer.SessionClaim);
                    var account = Guid.TryParse(refresh?.GetClaim(Claims.Subject), out var id) ? await session.LoadAsync<Account>(id, cancellationToken) : null;
                    if (refresh is null || account is null || sessionId is null
                        || refresh.GetClaim(TokenServer.SecurityStampClaim) != account.SecurityStamp.ToString()
                        || await session.LoadAsync<RevokedSession>(sessionId, cancellationToken) is not null)
                    {
                        return InvalidGrant("The refresh token is no longer valid; sign in again.");
                    }

                    var principal = await principals.ForAsync(account, sessionId, refresh.GetScopes(), cancellationToken);
                    return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                }

                return Results.Forbid(Error(Errors.UnsupportedGrantType, "Use the password or refresh_token grant."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            })
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName("IssueToken");

    /// <summary>As sign-up allows.</summary>
    private const int MaximumEmailLength = 254;

    private static readonly Lazy<string> UnknownAccountHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    private static IResult InvalidGrant(string description, IDictionary<string, object?>? parameters = null) =>
        Results.Forbid(Error(Errors.InvalidGrant, description, parameters), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>
    /// Locked: invalid_grant like a wrong password, described in the caller's language (Accept-Language: fr, else
    /// English) with when to try again, plus a code and the seconds to wait for clients that word it themselves.
    /// </summary>
    private static IResult Locked(HttpContext http, SignInVerdict.Locked locked, DateTimeOffset now)
    {
        var wait = locked.Until - now;
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        var description = SignInLockedText.Describe(Prefers(http, "fr") ? "fr" : "en", locked.Until, minutes);
        return InvalidGrant(description, new Dictionary<string, object?>
        {
            ["code"] = SignInLockedText.Code,
            ["retry_after"] = seconds,
        });
    }

    private static bool Prefers(HttpContext http, string language) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(value => value.Quality ?? 1)
            .FirstOrDefault()?.Value.Value is { } preferred
        && (preferred.Equals(language, StringComparison.OrdinalIgnoreCase) || preferred.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase));

    private static AuthenticationProperties Error(string error, string description, IDictionary<string, object?>? parameters = null) => new(
        new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        },
        parameters);
}
