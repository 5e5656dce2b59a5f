using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>The shop's holidays and exceptional closures: the upcoming ones listed, one added or removed at a time (the API takes the whole list).</summary>
public sealed class ClosuresModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    [BindProperty]
    public ClosureForm Closure { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<ShopClosure> Upcoming => Shop.Closures ?? [];

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadShopAsync(coop, shop, cancellationToken) ?? Page();

    /// <summary>Adds the posted closure to the upcoming ones.</summary>
    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Closure.From is null)
        {
            ModelState.AddModelError("Closure.From", Texts["Errors.Required"]);
        }

        if (Closure.To is null)
        {
            ModelState.AddModelError("Closure.To", Texts["Errors.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var added = new ShopClosure(Closure.From!.Value, Closure.To!.Value, Text(Closure.ReasonFr, Closure.ReasonEn));
        return await SaveAsync([.. Upcoming, added], Upcoming.Count, cancellationToken);
    }

    /// <summary>Removes the upcoming closure at <paramref name="index"/> (the order the page lists them in).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string coop, Guid shop, int index, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        return await SaveAsync([.. Upcoming.Where((_, i) => i != index)], null, cancellationToken);
    }

    /// <summary>"du 24/12/2026 au 02/01/2027" or "le 24/12/2026".</summary>
    public static string Dates(ShopClosure closure, CultureInfo culture, IStringLocalizer texts) =>
        closure.From == closure.To
            ? string.Format(culture, texts["Storefront.ClosedOn"], closure.From.ToString("d", culture))
            : string.Format(culture, texts["Storefront.ClosedFromTo"], closure.From.ToString("d", culture), closure.To.ToString("d", culture));

    private async Task<IActionResult> SaveAsync(List<ShopClosure> closures, int? added, CancellationToken cancellationToken)
    {
        var result = await Api.SetShopClosuresAsync(Token, Tenant, Shop.Id, closures, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            var fields = new Dictionary<string, string> { ["closures"] = "" };
            if (added is { } i)
            {
                fields[$"closures[{i}].from"] = "Closure.From";
                fields[$"closures[{i}].to"] = "Closure.To";
                fields[$"closures[{i}].reason.fr"] = "Closure.ReasonFr";
                fields[$"closures[{i}].reason.en"] = "Closure.ReasonEn";
            }

            ShowFieldErrors(result, fields);
            return Page();
        }

        Notice = Texts["Shops.Closures.Saved"];
        return LocalRedirect($"{BackOfficeUrl}/closures");
    }

    private static LocalizedText? Text(string? fr, string? en) =>
        string.IsNullOrWhiteSpace(fr) && string.IsNullOrWhiteSpace(en) ? null : new LocalizedText(fr?.Trim(), en?.Trim());
}

public sealed class ClosureForm
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? ReasonFr { get; set; }

    public string? ReasonEn { get; set; }
}
