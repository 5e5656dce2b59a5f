using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>Asks the Platform to mail a reset link; the answer is the same whether the account exists or not.</summary>
public sealed class ForgotPasswordModel(MarketplaceApi api, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await api.RequestPasswordResetAsync(Email?.Trim() ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Email));
            return Page();
        }

        Sent = true;
        return Page();
    }
}
