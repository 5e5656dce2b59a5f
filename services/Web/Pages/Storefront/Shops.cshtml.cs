using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>The cooperative's shops (approved ones, by name), each with where it is and a way to its products.</summary>
public sealed class ShopsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : StorefrontPage(api, session, texts)
{
    /// <summary>How much of a shop's description its card shows.</summary>
    public const int Excerpt = 160;

    public IReadOnlyList<Shop> Shops { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Shops = await Api.ListApprovedShopsAsync(Coop, cancellationToken);

    /// <summary>"Ouvert · ferme à 19:30", "Fermé · ouvre lundi à 08:00"...: null for a shop without hours.</summary>
    public string? OpeningNow(Shop shop) => OpenNow.Describe(shop, clock, Culture, Texts);

    /// <summary>The description's beginning, cut at a word, for a card.</summary>
    public static string Shorten(string text)
    {
        if (text.Length <= Excerpt)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Excerpt);
        return text[..(cut < Excerpt / 2 ? Excerpt : cut)].TrimEnd(',', '.', ';', ':', ' ') + "…";
    }
}
