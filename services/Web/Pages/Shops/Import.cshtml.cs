using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// Upload of a till's or spreadsheet's CSV: the web app forwards the file's bytes untouched (the Catalog
/// reads the encoding and the French Excel conventions), then shows the preview the Catalog made of it.
/// </summary>
[RequestSizeLimit(MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + (64 * 1024))]
public sealed class ImportModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    /// <summary>Far more than 10,000 rows of a till export; beyond it the file is refused here.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadShopAsync(coop, shop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Texts["Shops.Import.NoFile"]);
            return Page();
        }

        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), Texts["Shops.Import.TooLarge"]);
            return Page();
        }

        using var bytes = new MemoryStream();
        await Upload.CopyToAsync(bytes, cancellationToken);
        var result = await Api.UploadImportAsync(Token, Tenant, shop, bytes.ToArray(), Upload.FileName, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (result.Code == "import.columns" && result.Values.TryGetValue("keptFile", out var kept))
        {
            // the header is what is wrong: the Catalog kept the file, the shop says which column is which
            return LocalRedirect($"{BackOfficeUrl}/import/files/{kept}");
        }

        if (!result.Succeeded || result.Value is null)
        {
            ShowFieldErrors(result, new Dictionary<string, string> { ["file"] = nameof(Upload) });
            return Page();
        }

        return LocalRedirect($"{BackOfficeUrl}/imports/{result.Value.Id}");
    }
}
