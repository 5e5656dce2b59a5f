using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// A till's export whose header the Catalog did not understand: the shop says once which column holds what (and one
/// VAT rate when the file has none); the mapping is remembered for its next files and the kept file is previewed,
/// without choosing it again.
/// </summary>
public sealed class ImportColumnsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    /// <summary>The VAT rates a file without a VAT column may take, in basis points.</summary>
    public static readonly IReadOnlyList<int> VatRates = [2000, 1000, 550, 210];

    public KeptImportFile Kept { get; private set; } = null!;

    /// <summary>The field chosen for each column, in the file's order.</summary>
    [BindProperty]
    public List<string> Fields { get; set; } = [];

    [BindProperty]
    public int? VatRate { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, file, cancellationToken) is { } stop)
        {
            return stop;
        }

        Fields = [.. Kept.Columns.Select(c => c.Field)];
        VatRate = Kept.VatRate;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, file, cancellationToken) is { } stop)
        {
            return stop;
        }

        var columns = Kept.Columns.Select((column, i) => (column.Name, Field: i < Fields.Count ? Fields[i] : "ignore"))
            .ToDictionary(c => c.Name, c => c.Field);
        var mapped = await Api.SetImportMappingAsync(Token, Tenant, shop, new ImportMapping(columns, VatRate), cancellationToken);
        if (Refused(mapped) is { } refused)
        {
            return refused;
        }

        if (!mapped.Succeeded)
        {
            ShowFieldErrors(mapped, new Dictionary<string, string> { ["columns"] = "", ["vatRate"] = nameof(VatRate) });
            return Page();
        }

        var preview = await Api.PreviewKeptImportFileAsync(Token, Tenant, shop, file, cancellationToken);
        if (Refused(preview) is { } refusedPreview)
        {
            return refusedPreview;
        }

        if (!preview.Succeeded || preview.Value is null)
        {
            ShowFieldErrors(preview, new Dictionary<string, string> { ["header"] = "", ["file"] = "" });
            return Page();
        }

        return LocalRedirect($"{BackOfficeUrl}/imports/{preview.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, Guid file, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var kept = await Api.GetKeptImportFileAsync(Token, Tenant, shop, file, cancellationToken);
        if (Refused(kept) is { } refused)
        {
            return refused;
        }

        Kept = Required(kept);
        return null;
    }
}
