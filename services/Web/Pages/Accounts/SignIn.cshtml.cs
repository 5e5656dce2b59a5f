using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Accounts;

public sealed class SignInModel(TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) ? null : await session.SignInAsync(Email.Trim(), Password, cancellationToken);
        if (answer?.LockedFor is { } lockedFor)
        {
            // Locked by wrong passwords: the Platform says so for unknown addresses too, so this tells nobody who has an account.
            ModelState.AddModelError("", Texts["SignIn.Locked", (int)Math.Ceiling(lockedFor.TotalMinutes)]);
            return Page();
        }

        if (answer?.Tokens is null)
        {
            // One message whether the email is unknown or the password wrong: no account enumeration.
            ModelState.AddModelError("", Texts["SignIn.Refused"]);
            return Page();
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl) ?? "/");
    }
}
