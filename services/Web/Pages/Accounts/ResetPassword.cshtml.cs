using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>The page of the mailed link ({WebBaseUrl}/{lang}/reset-password?email=...&amp;token=...): sets the new password.</summary>
public sealed class ResetPasswordModel(MarketplaceApi api, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await api.ConfirmPasswordResetAsync(Email?.Trim() ?? "", Token ?? "", NewPassword ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Email), nameof(Token), nameof(NewPassword));
            return Page();
        }

        Done = true;
        return Page();
    }
}
