using FluentValidation;
using Marketplace.Hosting;
using Marten;

namespace Marketplace.Platform.Accounts.ConfirmingEmail;

public sealed record ConfirmEmail(string Token);

internal sealed class ConfirmEmailValidator : AbstractValidator<ConfirmEmail>
{
    public ConfirmEmailValidator() => RuleFor(r => r.Token).NotEmpty().MaximumLength(200);
}

internal static class ConfirmEmailEndpoint
{
    public static void MapConfirmEmail(this RouteGroupBuilder group) =>
        group.MapPost("/email-confirmation/confirm", async (ConfirmEmail request, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var confirmation = await session.LoadAsync<EmailConfirmation>(EmailConfirmation.Hash(request.Token), cancellationToken);
                var account = confirmation is null ? null : await session.LoadAsync<Account>(confirmation.AccountId, cancellationToken);
                if (confirmation is null || account is null || confirmation.ExpiresAt <= clock.GetUtcNow())
                {
                    return CodedProblems.Field("token", "account.confirmation_link_invalid", "This confirmation link is invalid, used or expired; ask for a new one.");
                }

                session.Store(account with { EmailConfirmed = true });
                session.DeleteWhere<EmailConfirmation>(c => c.AccountId == account.Id);
                await session.SaveChangesAsync(cancellationToken);
                return Results.NoContent();
            })
            .Validate<ConfirmEmail>()
            .AllowAnonymous()
            .WithName("ConfirmEmail")
            .WithSummary("Confirm the account's e-mail address with the token from the confirmation mail (single use, 2 days); the next token (sign-in or refresh) says email_verified: true.")
            .Produces(StatusCodes.Status204NoContent);
}
