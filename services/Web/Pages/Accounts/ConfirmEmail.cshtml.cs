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
}
