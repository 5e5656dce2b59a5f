using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>
/// The co-op admin writes the cooperative's legal notice, terms of sale and privacy policy (ADR 47), one page at a time,
/// each in French and English (or one of them): plain text the public pages show, linked from every page's footer.
/// </summary>
public sealed class LegalPagesModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    /// <summary>The page being written: notice, terms or privacy.</summary>
    public string Name { get; private set; } = "notice";

    /// <summary>Whether the page is published (in either language).</summary>
    public bool Written { get; private set; }

    [BindProperty]
    public string? TextFr { get; set; }

    [BindProperty]
    public string? TextEn { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, string? name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, name, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (await Api.GetLegalPageAsync(Tenant, Name, cancellationToken) is { } written)
        {
            Written = true;
            TextFr = written.Text.Fr;
            TextEn = written.Text.En;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, string? name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, name, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.WriteLegalPageAsync(Token, Tenant, Name, new LegalPageWrite(TextFr?.ReplaceLineEndings("\n"), TextEn?.ReplaceLineEndings("\n")), cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            Written = await Api.GetLegalPageAsync(Tenant, Name, cancellationToken) is not null;
            ShowErrors(result, new Dictionary<string, string> { ["fr"] = nameof(TextFr), ["en"] = nameof(TextEn) });
            return Page();
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts["LegalAdmin.Saved"], Texts["Legal." + Name]);
        return Redirect(WebAddresses.Cooperative(Slug, "admin/legal/" + Name));
    }

    private async Task<IActionResult?> LoadAsync(string coop, string? name, CancellationToken cancellationToken)
    {
        Name = name ?? "notice";
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        // The pages are public: an admin-only read tells whether the caller may write them (403: the page says so, after
        // trying once more with freshly refreshed roles, as every admin page).
        return Refused(await Api.ListMembershipsAsync(Token, Tenant, 1, cancellationToken));
    }
}
