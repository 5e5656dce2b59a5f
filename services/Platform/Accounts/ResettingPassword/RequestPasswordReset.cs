using System.Security.Cryptography;
using FluentValidation;
using Marketplace.Hosting;
using Marten;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Platform.Accounts.ResettingPassword;

public sealed record RequestPasswordReset(string Email);

/// <summary>An outstanding reset. Id = SHA-256 of the token mailed, so the store never holds a usable token.</summary>
public sealed record PasswordReset(string Id, Guid AccountId, DateTimeOffset ExpiresAt);

internal sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() => RuleFor(r => r.Email).NotEmpty().MaximumLength(254);
}

internal static class RequestPasswordResetEndpoint
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static void MapRequestPasswordReset(this RouteGroupBuilder group) =>
        group.MapPost("/password-reset", async (RequestPasswordReset request, IDocumentStore store, PasswordResetMail mail, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var normalized = Account.Normalize(request.Email);
                // The same answer whether or not the email has an account: nobody learns who has one.
                if (await session.Query<Account>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken) is { } account)
                {
                    var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
                    session.Store(new PasswordReset(Hash(token), account.Id, clock.GetUtcNow() + Lifetime));
                    await session.SaveChangesAsync(cancellationToken);
                    await mail.SendAsync(account, token, cancellationToken);
                }

                return Results.Accepted();
            })
            .Validate<RequestPasswordReset>()
            .AllowAnonymous()
            .WithName("RequestPasswordReset")
            .WithSummary("Mail a password reset link (valid 1 h, single use) if the email has an account; 202 either way.")
            .Produces(StatusCodes.Status202Accepted);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
