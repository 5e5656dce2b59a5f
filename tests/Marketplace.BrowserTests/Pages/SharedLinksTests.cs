using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests.Pages;

/// <summary>A link shared in a message or on a social network shows the page's own title and text (issue 14, point 7).</summary>
[Collection(BrowserCollection.Name)]
public class SharedLinksTests(WebApp web)
{
    [Fact]
    public async Task A_shop_page_names_itself_for_a_shared_link_in_its_language_points_to_its_other_language_and_has_an_icon()
    {
        // Given an approved shop
        var admin = await web.CreateAccountAsync("Rémi Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Croix-Rousse");
        var shop = await web.RegisterApprovedShopAsync(admin, admin, slug, "Fromagerie Gros Caillou");

        // When a visitor opens its page in French
        var page = await web.NewVisitorAsync();
        var path = $"/fr/coops/{slug}/shops/{shop}/about";
        await page.GotoAsync(path);

        // Then the page says what it is, where it lives and in which language
        Assert.Equal("Fromagerie Gros Caillou", await MetaAsync(page, "og:title"));
        Assert.Equal(
            "Le marché en ligne des commerces indépendants de votre ville, tenu par leur coopérative : un panier pour plusieurs boutiques, un seul paiement.",
            await MetaAsync(page, "og:description"));
        Assert.Equal(new Uri(page.Url).GetLeftPart(UriPartial.Path), await MetaAsync(page, "og:url"));
        Assert.Equal("fr_FR", await MetaAsync(page, "og:locale"));
        var english = await page.Locator("link[rel=alternate][hreflang=en]").GetAttributeAsync("href");
        Assert.Equal($"/en/coops/{slug}/shops/{shop}/about", new Uri(english!).AbsolutePath);

        // And the same page in English says so in English
        await page.GotoAsync(english!);
        Assert.Equal("en_GB", await MetaAsync(page, "og:locale"));
        Assert.StartsWith("Your town's independent shops online", await MetaAsync(page, "og:description"));
        Assert.Equal(1, await page.Locator("link[rel=alternate][hreflang=fr]").CountAsync());

        // And the tab shows the site's icon
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var served = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), icon).ToString());
        Assert.Equal(200, served.Status);
        Assert.StartsWith("image/svg+xml", served.Headers["content-type"]);
    }

    private static Task<string?> MetaAsync(IPage page, string property) =>
        page.Locator($"meta[property='{property}']").GetAttributeAsync("content");
}
