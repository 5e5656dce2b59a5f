using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>
/// How services validate access tokens: issuer, audience, lifetime and an RS256 signature by the
/// Platform's key (Marketplace:Auth:SigningPublicKey, PEM), all required.
/// </summary>
public sealed record TokenSettings(string Issuer, string Audience, RsaSecurityKey SigningKey)
{
    public static TokenSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Marketplace:Auth");
        var pem = section["SigningPublicKey"];
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException("Marketplace:Auth:SigningPublicKey must be set (the Platform's RSA public key, PEM).");
        }

        return new TokenSettings(NormalizeIssuer(section["Issuer"] ?? "http://127.0.0.1:5100/"), section["Audience"] ?? "marketplace-api", ImportKey(pem));
    }

    /// <summary>An RSA key from PEM (public or private) with a key id derived from its public half, so issuer and validators agree on the "kid".</summary>
    public static RsaSecurityKey ImportKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048)
        {
            throw new InvalidOperationException("The token signing key must be an RSA key of at least 2048 bits.");
        }

        var thumbprint = SHA256.HashData(rsa.ExportSubjectPublicKeyInfo());
        return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(thumbprint[..16]) };
    }

    /// <summary>The issuer as OpenIddict writes it in "iss": an absolute URI (with its trailing slash).</summary>
    public static string NormalizeIssuer(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : issuer;
}
