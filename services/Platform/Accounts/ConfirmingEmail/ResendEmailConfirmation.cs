using System.Globalization;
using System.Security.Claims;
using Marketplace.Hosting;
using Marketplace.Platform.Notifications;
using Marten;

namespace Marketplace.Platform.Accounts.ConfirmingEmail;

internal static class ResendEmailConfirmationEndpoint
{
    /// <summary>A mail a minute at most: enough for a lost or slow mail, too few to mail-bomb anyone's own address.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static void MapResendEmailConfirmation(this RouteGroupBuilder group) =>
        group.MapPost("/email-confirmation", async (ClaimsPrincipal user, IDocumentStore store, NotificationMail mail, MailOutbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var account = Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? await session.LoadAsync<Account>(id, cancellationToken) : null;
                if (account is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No account for this token.");
                }

                if (account.EmailConfirmed)
                {
                    return Results.NoContent();
                }

                var now = clock.GetUtcNow();
                var last = await session.Query<EmailConfirmation>().Where(c => c.AccountId == account.Id).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
                if (last is not null && now - last.CreatedAt < Interval)
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling((last.CreatedAt + Interval - now).TotalSeconds));
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    return CodedProblems.Refused("account.confirmation_resend_too_soon", StatusCodes.Status429TooManyRequests,
                        "A confirmation mail was sent less than a minute ago.", $"Try again in {seconds} s.");
                }

                var (confirmation, message) = EmailConfirmation.For(account, mail.WebBaseUrl, now);
                session.Insert(confirmation);
                session.Insert(message);
                await session.SaveChangesAsync(cancellationToken);
                outbox.Wake();
                return Results.Accepted();
            })
            .RequireAuthorization()
            .WithName("ResendEmailConfirmation")
            .WithSummary("Mail the signed-in account a new confirmation link (one a minute at most: 429 with Retry-After); 204 when the address is already confirmed.")
            .Produces(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
