using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>How services validate access tokens: issuer, audience, lifetime and signature, all required.</summary>
public sealed record TokenSettings(string Issuer, string Audience, SymmetricSecurityKey SigningKey)
{
    public static TokenSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Marketplace:Auth");
        var key = section["SigningKey"];
        if (key is null || Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException("Marketplace:Auth:SigningKey must be set (at least 32 bytes).");
        }

        return new TokenSettings(
            section["Issuer"] ?? "marketplace",
            section["Audience"] ?? "marketplace-api",
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)));
    }
}
