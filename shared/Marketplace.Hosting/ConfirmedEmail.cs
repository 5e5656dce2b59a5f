using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Hosting;

/// <summary>
/// Whether the account's e-mail address is confirmed: the Platform says so in every token it issues
/// (<c>email_verified</c>, read afresh at every grant, so the first refresh after confirming says true).
/// </summary>
public static class ConfirmedEmail
{
    public const string Claim = "email_verified";

    /// <summary>The refusal's code: the web app and clients translate it and offer to send the link again.</summary>
    public const string UnconfirmedCode = "account.email_unconfirmed";

    /// <summary>True only when the token says so: a token without the claim was not issued for a confirmed address.</summary>
    public static bool IsConfirmed(this ClaimsPrincipal user) =>
        string.Equals(user.FindFirst(Claim)?.Value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses (403 <c>account.email_unconfirmed</c>) what only an account with a confirmed address may do — create a
    /// cooperative, register a shop — before the endpoint or its validation runs, so nothing changes.
    /// </summary>
    public static RouteHandlerBuilder RequireConfirmedEmail(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(static async (context, next) =>
            context.HttpContext.User.IsConfirmed()
                ? await next(context)
                : CodedProblems.Refused(
                    UnconfirmedCode, StatusCodes.Status403Forbidden, "Confirm your e-mail address first.",
                    "Open the link mailed to you at sign-up (POST /api/accounts/email-confirmation mails a new one), then sign in again or refresh your token."))
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
