using FluentValidation;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts.SigningIn;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Platform.Accounts.ResettingPassword;

public sealed record ConfirmPasswordReset(string Email, string Token, string NewPassword);

internal sealed class ConfirmPasswordResetValidator : AbstractValidator<ConfirmPasswordReset>
{
    public ConfirmPasswordResetValidator()
    {
        RuleFor(r => r.Email).NotEmpty();
        RuleFor(r => r.Token).NotEmpty();
        RuleFor(r => r.NewPassword).NotEmpty().Must(PasswordRules.IsAcceptable).WithMessage(PasswordRules.Message).WithErrorCode("account.password_weak");
    }
}

internal static class ConfirmPasswordResetEndpoint
{
    public static void MapConfirmPasswordReset(this RouteGroupBuilder group) =>
        group.MapPost("/password-reset/confirm", async (ConfirmPasswordReset request, IDocumentStore store, IPasswordHasher<Account> hasher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var reset = await session.LoadAsync<PasswordReset>(RequestPasswordResetEndpoint.Hash(request.Token), cancellationToken);
                var account = reset is null ? null : await session.LoadAsync<Account>(reset.AccountId, cancellationToken);
                if (reset is null || account is null || reset.ExpiresAt <= clock.GetUtcNow() || account.NormalizedEmail != Account.Normalize(request.Email))
                {
                    return CodedProblems.Field("token", "account.reset_link_invalid", "This reset link is invalid or has expired; ask for a new one.");
                }

                // A new stamp ends every session signed in with the old password; all pending resets go.
                var changed = account with { SecurityStamp = Guid.NewGuid() };
                session.Store(changed with { PasswordHash = hasher.HashPassword(changed, request.NewPassword) });
                session.DeleteWhere<PasswordReset>(r => r.AccountId == account.Id);
                // The owner proved it is theirs: a lock from someone else's guesses ends with the old password.
                session.Delete<SignInAttempts>(account.NormalizedEmail);
                await session.SaveChangesAsync(cancellationToken);
                return Results.NoContent();
            })
            .Validate<ConfirmPasswordReset>()
            .AllowAnonymous()
            .WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with the token from the reset mail (single use).")
            .Produces(StatusCodes.Status204NoContent);
}
