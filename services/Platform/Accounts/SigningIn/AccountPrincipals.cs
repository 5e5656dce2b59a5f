using System.Security.Claims;
using Marketplace.Hosting;
using Marketplace.Platform.Memberships;
using Marten;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>Who an account is in a token: sub, email, name, its roles per cooperative and its platform role, read fresh at every grant.</summary>
internal sealed class AccountPrincipals(IQuerySession session, PlatformAdmins admins)
{
    public async Task<ClaimsPrincipal> ForAsync(Account account, string sessionId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(authenticationType: "marketplace", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString());
        identity.SetClaim(Claims.Email, account.Email);
        identity.SetClaim(Claims.Name, account.DisplayName);
        // Read afresh at every grant: the first refresh after confirming says true.
        identity.SetClaim(ConfirmedEmail.Claim, account.EmailConfirmed);
        identity.SetClaim(TokenServer.SessionClaim, sessionId);
        identity.SetClaim(TokenServer.SecurityStampClaim, account.SecurityStamp.ToString());

        var memberships = await session.Query<Membership>().Where(m => m.AccountId == account.Id).ToListAsync(cancellationToken);
        identity.SetClaims(CooperativeAuthorization.CooperativeRoleClaim,
            [.. memberships.OrderBy(m => m.Cooperative, StringComparer.Ordinal).SelectMany(m => m.Roles.Select(role => $"{m.Cooperative}:{role}"))]);
        if (IsPlatformAdmin(account))
        {
            identity.SetClaim(CooperativeAuthorization.PlatformRoleClaim, CooperativeAuthorization.PlatformAdmin);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetAudiences("marketplace-api");
        principal.SetScopes(scopes);
        principal.SetDestinations(claim => claim.Type switch
        {
            // Session and stamp stay inside the (encrypted) refresh token.
            TokenServer.SessionClaim or TokenServer.SecurityStampClaim => [],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    public bool IsPlatformAdmin(Account account) => admins.Emails.Contains(account.NormalizedEmail);
}

/// <summary>The accounts (by normalized e-mail) that administer the platform, read once when the service is composed.</summary>
internal sealed record PlatformAdmins(IReadOnlySet<string> Emails)
{
    /// <summary>Marketplace:PlatformAdmins: a list, or one string of emails separated by ',' or ';'.</summary>
    public static PlatformAdmins From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Marketplace:PlatformAdmins");
        var emails = section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Account.Normalize)
            .ToHashSet(StringComparer.Ordinal);
        return new PlatformAdmins(emails);
    }
}
