using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Platform;
using Marketplace.Web.Maps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Cooperatives;

public sealed class HomeModel(MarketplaceApi api) : PageModel
{
    private const int FeaturedCount = 4;

    private const int FeaturedOutOf = 48;

    public Cooperative Cooperative { get; private set; } = null!;

    /// <summary>The storefront's categories, to browse from here (none when the catalog cannot say).</summary>
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>The approved shops, by name (none when the catalog cannot say).</summary>
    public IReadOnlyList<Shop> Shops { get; private set; } = [];

    /// <summary>The newest products in stock with a photo, to show what the market sells (none when the catalog cannot say).</summary>
    public IReadOnlyList<ProductHit> Featured { get; private set; } = [];

    /// <summary>The towns of its shops, the most shops first: the cooperative's town (no town of its own is recorded).</summary>
    public IReadOnlyList<string> Towns => [.. Shops.Where(s => s.Address is not null).GroupBy(s => s.Address!.City.Trim(), StringComparer.OrdinalIgnoreCase)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture).Select(g => g.Key)];

    /// <summary>The shops whose owners said where they are, in the list's order: numbered 1, 2... on the map and in the list (ADR 49).</summary>
    public IReadOnlyList<Shop> ShopsOnTheMap => [.. Shops.Where(s => s.IsOnTheMap)];

    /// <summary>A shop's number on the map, or null when it is not on it.</summary>
    public int? MapNumber(Shop shop) => ShopsOnTheMap.ToList().FindIndex(s => s.Id == shop.Id) is var index and >= 0 ? index + 1 : null;

    /// <summary>
    /// The map of the shops that are on it, named by their numbers and names, each marker a link to its shop's page named
    /// by the shop's name; none when no shop is.
    /// </summary>
    public ShopMapView? ShopsMap(string label, string tileUrlTemplate)
    {
        var shops = ShopsOnTheMap;
        var places = shops.Select((s, i) => new MapPlace(
            (i + 1).ToString(CultureInfo.InvariantCulture), s.Latitude!.Value, s.Longitude!.Value, s.Name, Storefront("shops/" + s.Id + "/about"))).ToList();
        return StaticMap.Of(places) is { } map
            ? new ShopMapView(map, string.Format(CultureInfo.CurrentCulture, label, string.Join(", ", shops.Select((s, i) => $"{i + 1}. {s.Name}"))), tileUrlTemplate)
            : null;
    }

    /// <summary>OpenStreetMap's search for a shop's address (no key, no geocoding here: the visitor's browser asks it).</summary>
    public static string MapLink(ShopAddress address) =>
        "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString($"{address.Line1}, {address.Postcode} {address.City}");

    /// <summary>The storefront of this cooperative in the page's language: Storefront("products") → /fr/coops/{coop}/products.</summary>
    public string Storefront(string path) => WebAddresses.Cooperative(Cooperative.Slug, path);

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(coop, out var tenant) || await api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Cooperative = cooperative;
        Categories = await api.ListCategoriesAsync(tenant, cancellationToken);
        try
        {
            Shops = await api.ListApprovedShopsAsync(tenant, cancellationToken);
            var inStock = await api.SearchProductsAsync(tenant, new ProductQuery(null, null, null, true, "newest", 1, FeaturedOutOf), cancellationToken);
            Featured = [.. inStock.Items.Where(p => p.Photo is not null).Take(FeaturedCount)];
        }
        catch (HttpRequestException)
        {
            // The catalog cannot say (a cooperative still being prepared): the home shows what it has.
        }

        return Page();
    }
}
