using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>Creates the account in the language the page is shown in, then signs the new person in.</summary>
public sealed class SignUpModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty]
    public string? DisplayName { get; set; }

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
        var account = new NewAccount(Email?.Trim() ?? "", Password ?? "", DisplayName?.Trim() ?? "", Cultures.Language(CultureInfo.CurrentUICulture));
        var result = await api.CreateAccountAsync(account, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Email), nameof(Password), nameof(DisplayName));
            return Page();
        }

        if ((await session.SignInAsync(account.Email, account.Password, cancellationToken)).Tokens is null)
        {
            return RedirectToPage("/Accounts/SignIn", new { returnUrl = ReturnUrl });
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl) ?? "/");
    }
}
