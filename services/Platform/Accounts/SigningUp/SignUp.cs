using FluentValidation;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts.ConfirmingEmail;
using Marketplace.Platform.Notifications;
using Marketplace.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Marketplace.Platform.Accounts.SigningUp;

public sealed record SignUp(string Email, string Password, string DisplayName, string Language);

internal sealed class SignUpValidator : AbstractValidator<SignUp>
{
    public SignUpValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(s => s.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(s => s.Password).NotEmpty().Must(PasswordRules.IsAcceptable).WithMessage(PasswordRules.Message).WithErrorCode("account.password_weak");
        RuleFor(s => s.DisplayName).NotEmpty().Must(name => name.Trim().Length is >= 1 and <= 100).WithMessage("The display name has 1 to 100 characters.").WithErrorCode("account.display_name_length");
        RuleFor(s => s.Language).NotEmpty().Must(Languages.Supported.Contains).WithMessage("The language is fr or en.").WithErrorCode("account.language");
    }
}

internal static class SignUpEndpoint
{
    public static void MapSignUp(this RouteGroupBuilder group) =>
        group.MapPost("/", async (SignUp request, IDocumentStore store, IPasswordHasher<Account> hasher, NotificationMail mail, MailOutbox outbox, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var account = new Account
                {
                    Id = Guid.CreateVersion7(clock.GetUtcNow()),
                    Email = request.Email.Trim(),
                    NormalizedEmail = Account.Normalize(request.Email),
                    DisplayName = request.DisplayName.Trim(),
                    Language = request.Language,
                    PasswordHash = "",
                    SecurityStamp = Guid.NewGuid(),
                    CreatedAt = clock.GetUtcNow(),
                    EmailConfirmed = false,
                };
                account = account with { PasswordHash = hasher.HashPassword(account, request.Password) };

                await using var session = store.LightweightSession();
                session.Insert(account);
                // The confirmation mail goes through the outbox, in the account's transaction: no account without its mail.
                var (confirmation, message) = EmailConfirmation.For(account, mail.WebBaseUrl, clock.GetUtcNow());
                session.Insert(confirmation);
                session.Insert(message);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (StoreFailures.IsUniqueViolation(exception)) // the unique index on the normalized email
                {
                    return CodedProblems.Field("email", "account.email_taken", "This email already has an account.", StatusCodes.Status409Conflict);
                }

                outbox.Wake();
                return Results.Created("/api/me", AccountResponse.From(account));
            })
            .Validate<SignUp>()
            .AllowAnonymous()
            .WithName("SignUp")
            .WithSummary("Create an account (email and password) and mail a link to confirm the address; then sign in at /connect/token.")
            .Produces<AccountResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
