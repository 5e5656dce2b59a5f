using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>The page of the link mailed at sign-up ({WebBaseUrl}/{lang}/confirm-email?token=...): confirms the address.</summary>
public sealed class ConfirmEmailModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await api.ConfirmEmailAsync(Token ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Token));
            return Page();
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            // The tokens minted before say "not confirmed": fresh ones say it is.
            await session.RefreshAsync(cancellationToken);
        }

        Done = true;
        return Page();
    }

    /// <summary>
    /// "Send the link again", from the notice on the pages an unconfirmed account cannot use yet: back to that page,
    /// which says the link was sent (or why not).
    /// </summary>
    public async Task<IActionResult> OnPostResendAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        try
        {
            var result = await api.ResendEmailConfirmationAsync(token, cancellationToken);
            TempData[EmailNotice.Key] = result.Succeeded ? Texts["Confirm.Sent"].Value : Translate(result.Code, Texts["Errors.Unexpected"]);
        }
        catch (ApiUnavailableException busy) when (busy.Reason == Unavailability.Busy)
        {
            // One link a minute (429): a second click is told so on the same page, not sent to the "try again" page.
            TempData[EmailNotice.Key] = Texts["Confirm.TryLater"].Value;
        }

        return LocalRedirect(SafeReturnUrl(returnUrl) ?? "/");
    }
}

/// <summary>What the last "send the link again" did, shown once by the notice (_EmailUnconfirmed).</summary>
public static class EmailNotice
{
    public const string Key = "EmailConfirmationNotice";
}
