using System.Security.Cryptography;
using System.Text;
using Marketplace.Hosting;
using Marten;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// OpenIddict as the token issuer, in degraded mode (no OpenIddict stores): accounts live in the Platform
/// store, access tokens are self-contained RS256 JWTs, refresh tokens are self-contained and encrypted,
/// and sign-out (revocation) is a <see cref="RevokedSession"/> document that the refresh grant checks.
/// </summary>
internal static class TokenServer
{
    public const string SessionClaim = "marketplace_session";
    public const string SecurityStampClaim = "marketplace_stamp";

    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        var tokens = builder.AddSettings<TokenSettings>(TokenSettings.Section);
        var privateKeyPem = tokens.SigningPrivateKey;
        if (string.IsNullOrWhiteSpace(privateKeyPem))
        {
            throw new InvalidOperationException("Marketplace:Auth:SigningPrivateKey must be set (the RSA private key that signs access tokens, PEM).");
        }

        var issuerUri = new Uri(tokens.ValidIssuer);
        var signingKey = TokenSettings.ImportKey(privateKeyPem);
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuerUri);
            server.SetTokenEndpointUris("connect/token").SetRevocationEndpointUris("connect/revoke");
            server.AllowPasswordFlow().AllowRefreshTokenFlow();
            server.AcceptAnonymousClients();
            server.EnableDegradedMode();
            server.SetAccessTokenLifetime(TimeSpan.FromMinutes(15));
            server.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
            server.AddSigningKey(signingKey);
            // Refresh tokens are always encrypted; the key is derived from the signing key (HKDF), so every
            // replica holding the signing key can read them, and no second secret has to be configured.
            server.AddEncryptionKey(new SymmetricSecurityKey(HKDF.DeriveKey(
                HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(privateKeyPem), 32, info: "marketplace refresh-token encryption"u8.ToArray())));
            server.DisableAccessTokenEncryption(); // services validate plain signed JWTs
            server.UseAspNetCore()
                .EnableTokenEndpointPassthrough()
                // TLS ends in front of the gateway; services talk plain HTTP on the internal network.
                .DisableTransportSecurityRequirement();

            // Degraded mode asks for explicit client validation: clients are public (no id, no secret) by design.
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(_ => ValueTask.CompletedTask));
            server.AddEventHandler<ValidateRevocationRequestContext>(handler => handler.UseInlineHandler(_ => ValueTask.CompletedTask));
            server.AddEventHandler<HandleRevocationRequestContext>(handler => handler.UseScopedHandler<RevokeSession>());
        });
        builder.Services.AddSingleton(PlatformAdmins.From(builder.Configuration));
        builder.Services.AddScoped<AccountPrincipals>();
        builder.Services.AddTokenEndpointsDocument();
        return builder;
    }
}

/// <summary>Sign-out: the refresh token's session is recorded as revoked, so it (and its successors) no longer refresh.</summary>
internal sealed class RevokeSession(IDocumentStore store, TimeProvider clock) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal?.FindFirst(TokenServer.SessionClaim)?.Value is { Length: > 0 } session)
        {
            await using var documents = store.LightweightSession();
            documents.Store(new RevokedSession(session, clock.GetUtcNow()));
            await documents.SaveChangesAsync(context.CancellationToken);
        }
    }
}
