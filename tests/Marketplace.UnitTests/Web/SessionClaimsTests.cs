using System.Text;
using Marketplace.Web.Accounts;

namespace Marketplace.UnitTests.Web;

/// <summary>The web app's cookie identity is copied from the access token the Platform issued.</summary>
public class SessionClaimsTests
{
    [Fact]
    public void Cookie_identity_carries_the_tokens_name_and_roles_per_cooperative()
    {
        // Given an access token with a name and roles in two cooperatives
        var payload = """{"sub":"42","email":"ana@example.org","name":"Ana Épicière","coop_role":["lyon:admin","lyon:member","nice:shop_owner"],"aud":"marketplace-api"}""";
        var token = $"e30.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.signature";

        // When the web app makes the cookie's identity from it
        var user = TokenSession.Principal(token);

        // Then it names the user and knows each role in its cooperative, and nothing else
        Assert.Equal("Ana Épicière", user.DisplayName());
        Assert.Equal("Ana Épicière", user.Identity!.Name);
        Assert.True(user.HasCooperativeRole("lyon", "admin"));
        Assert.True(user.HasCooperativeRole("nice", "shop_owner"));
        Assert.False(user.HasCooperativeRole("nice", "admin"));
        Assert.Null(user.FindFirst("aud"));
    }
}
