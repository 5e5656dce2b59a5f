using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives;

/// <summary>Any signed-in user creates a cooperative and becomes its admin (the new role arrives with fresh tokens).</summary>
public sealed class CreateModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Country { get; set; } = "FR";

    [BindProperty]
    public string? Currency { get; set; } = "EUR";

    [BindProperty]
    public string FirstLanguage { get; set; } = "fr";

    [BindProperty]
    public bool Bilingual { get; set; } = true;

    /// <summary>Only a key for errors on the languages (the form shows a first language and a checkbox).</summary>
    public string? Languages { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        string[] languages = FirstLanguage == "en" ? ["en", "fr"] : ["fr", "en"];
        var request = new NewCooperative(
            Slug?.Trim() ?? "", Name?.Trim() ?? "", Country?.Trim().ToUpperInvariant() ?? "", Currency?.Trim().ToUpperInvariant() ?? "",
            Bilingual ? languages : languages[..1]);
        var result = await api.CreateCooperativeAsync(token, request, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Name), nameof(Slug), nameof(Country), nameof(Currency), nameof(Languages));
            return Page();
        }

        // The creator is now the cooperative's admin; the role reaches the token at the next refresh: now.
        await session.RefreshAsync(cancellationToken);
        await api.WaitUntilPreparedAsync(TenantId.Parse(result.Value!.Slug), TimeSpan.FromSeconds(20), cancellationToken);
        return LocalRedirect(WebAddresses.Cooperative(result.Value.Slug));
    }
}
