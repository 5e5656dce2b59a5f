using System.Globalization;
using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>What an uploaded file would do, row by row; committed all or nothing, and only when no row has an error.</summary>
public sealed class ImportPreviewModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public ImportPreview Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, Guid import, CancellationToken cancellationToken) =>
        await LoadAsync(coop, shop, import, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, Guid import, bool validOnly, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, import, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.CommitImportAsync(Token, Tenant, shop, import, validOnly, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (result.Status == HttpStatusCode.Conflict)
        {
            ModelState.AddModelError("", Texts["Shops.Import.HasErrors"]);
            return Page();
        }

        Required(result);
        return LocalRedirect($"{BackOfficeUrl}/imports/{import}");
    }

    /// <summary>What committing did, once it is done.</summary>
    public string? Done => Preview.Result switch
    {
        null => null,
        { Skipped: > 0 } result => string.Format(CultureInfo.CurrentCulture, Texts["Shops.Import.DoneSkipping"], result.Listed, result.Changed, result.Unchanged, result.Skipped,
            string.Join(", ", result.SkippedLines ?? [])),
        var result => string.Format(CultureInfo.CurrentCulture, Texts["Shops.Import.Done"], result.Listed, result.Changed, result.Unchanged),
    };

    /// <summary>Rows without errors, which a commit of the valid rows only would apply.</summary>
    public int ValidRows => Preview.Rows.Count(row => !row.HasErrors);

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, Guid import, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var preview = await Api.GetImportAsync(Token, Tenant, shop, import, cancellationToken);
        if (Refused(preview) is { } refused)
        {
            return refused;
        }

        Preview = Required(preview);
        return null;
    }
}
