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
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password)
            || !await session.SignInAsync(Email.Trim(), Password, cancellationToken))
        {
            // One message whether the email is unknown or the password wrong: no account enumeration.
            ModelState.AddModelError("", Texts["SignIn.Refused"]);
            return Page();
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl) ?? "/");
    }
}
