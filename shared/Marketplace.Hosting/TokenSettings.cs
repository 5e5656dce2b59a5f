using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Hosting;

/// <summary>
/// How access tokens are checked (section Marketplace:Auth): issuer, audience and an RS256 signature by the
/// Platform's key (SigningPublicKey, PEM), all required. The Platform also holds the private half that signs them.
/// </summary>
public sealed class TokenSettings : IValidatableObject
{
    public const string Section = "Marketplace:Auth";

    private RsaSecurityKey? _signingKey;

    public string Issuer { get; set; } = "http://127.0.0.1:5100/";

    public string Audience { get; set; } = "marketplace-api";

    [Required(ErrorMessage = "The Platform's RSA public key (PEM) must be set.")]
    public string? SigningPublicKey { get; set; }

    /// <summary>Only the Platform's: the key that signs access tokens (PEM).</summary>
    public string? SigningPrivateKey { get; set; }

    /// <summary>The issuer as tokens carry it.</summary>
    public string ValidIssuer => NormalizeIssuer(Issuer);

    public RsaSecurityKey SigningKey => _signingKey ??= ImportKey(SigningPublicKey ?? throw new InvalidOperationException("No signing public key."));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ValidIssuer, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("The issuer must be an absolute URI, such as https://marketplace.example/.", [nameof(Issuer)]);
        }

        string? keyProblem = null;
        try
        {
            _ = SigningKey;
        }
        catch (Exception problem) when (problem is CryptographicException or ArgumentException or InvalidOperationException)
        {
            keyProblem = problem.Message;
        }

        if (keyProblem is not null)
        {
            yield return new ValidationResult($"The signing public key is not a usable RSA key: {keyProblem}", [nameof(SigningPublicKey)]);
        }
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
