using System.Globalization;
using System.Security.Claims;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Marketplace.UnitTests.Web;

/// <summary>A role an admin grants reaches the session: the roles are compared after a refresh, and re-read once a minute.</summary>
public class FreshRolesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 5, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)).Prepend(new Claim("sub", "42")), "cookie"));

    [Fact]
    public void The_same_roles_in_another_order_are_the_same()
    {
        var before = User(("coop_role", "lyon:member"), ("coop_role", "nice:admin"), ("name", "Ana"));
        var after = User(("coop_role", "nice:admin"), ("coop_role", "lyon:member"), ("name", "Ana Épicière"));

        Assert.True(UserClaims.SameRoles(before, after));
    }

    [Theory]
    [InlineData("coop_role", "lyon:shop_owner")]
    [InlineData("platform_role", "admin")]
    public void A_role_granted_or_taken_is_a_change(string type, string value)
    {
        var before = User(("coop_role", "lyon:member"));
        var after = User(("coop_role", "lyon:member"), (type, value));

        Assert.False(UserClaims.SameRoles(before, after));
        Assert.False(UserClaims.SameRoles(after, before));
    }

    [Theory]
    [InlineData(0, 900, false)] // just received
    [InlineData(59, 841, false)] // still under a minute old
    [InlineData(60, 840, true)] // a minute old: its roles are asked again
    [InlineData(10, 50, true)] // about to expire
    public void The_token_is_refreshed_when_a_minute_old_or_about_to_expire(int ageSeconds, int expiresInSeconds, bool refreshed)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens(
        [
            new() { Name = TokenSession.IssuedAt, Value = Now.AddSeconds(-ageSeconds).ToString("o", CultureInfo.InvariantCulture) },
            new() { Name = TokenSession.ExpiresAt, Value = Now.AddSeconds(expiresInSeconds).ToString("o", CultureInfo.InvariantCulture) },
        ]);

        Assert.Equal(refreshed, RefreshingCookieEvents.NeedsRefresh(properties, Now));
    }

    [Fact]
    public void A_cookie_from_before_the_issue_time_was_kept_is_refreshed()
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new() { Name = TokenSession.ExpiresAt, Value = Now.AddMinutes(10).ToString("o", CultureInfo.InvariantCulture) }]);

        Assert.True(RefreshingCookieEvents.NeedsRefresh(properties, Now));
    }
}
