using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Web.Maps;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// Issue 14 point 7 (ADR 49): the shops whose owners gave their coordinates are on a map without script on the
/// cooperative's home and on the shop's page. There is no internet here: the tiles are answered by the test, and the test
/// checks their addresses and where the markers sit.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class ShopsMapTests(WebApp web)
{
    [Fact]
    public async Task Shops_with_coordinates_are_numbered_on_a_map_on_the_home_and_on_their_own_page()
    {
        // Given a cooperative of Lyon with a bakery placed through the API, a grocery that gave no coordinates, and a cheese shop
        var admin = await web.CreateAccountAsync("Ana Admin");
        var shopkeeper = await web.CreateAccountAsync("Fanny Fromagère");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, shopkeeper, "shop_owner");
        var cheese = await web.RegisterApprovedShopAsync(shopkeeper, admin, slug, "Fromagerie Fanny");
        var bakery = await web.RegisterApprovedShopAsync(admin, admin, slug, "Boulangerie Bruno");
        var grocery = await web.RegisterApprovedShopAsync(admin, admin, slug, "Épicerie du quai");
        using (var api = web.Api(await web.TokenAsync(admin)))
        {
            var placed = await api.PutAsJsonAsync($"/api/coops/{slug}/shops/{bakery}", new
            {
                name = "Boulangerie Bruno",
                address = new { line1 = "1 place Valmy", postcode = "69009", city = "Lyon" },
                openingHours = new[] { new { day = "monday", opens = "09:00", closes = "18:00" } },
                fulfilment = new { pickup = true, delivery = false },
                contact = new { email = "shop@example.org" },
                latitude = 45.7700m,
                longitude = 4.8100m,
            });
            Assert.True(placed.IsSuccessStatusCode, $"Placing the bakery: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}");
        }

        // When the cheese shop's owner pastes its coordinates, as OpenStreetMap shows them, with French decimals
        var owner = await web.SignedInVisitorAsync(shopkeeper);
        await owner.GotoAsync($"/fr/coops/{slug}/back-office/{cheese}/details");
        await owner.GetByLabel("Latitude", new() { Exact = true }).FillAsync("45,77465; 4,80492");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(owner.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(owner.GetByLabel("Latitude", new() { Exact = true })).ToHaveValueAsync("45.77465");
        await Expect(owner.GetByLabel("Longitude", new() { Exact = true })).ToHaveValueAsync("4.80492");
        await owner.AssertAccessibleAsync();

        // And a visitor opens the cooperative's home (the tile server answered here by the test)
        var visitor = await web.NewVisitorAsync();
        var tilesAsked = new List<string>();
        await visitor.RouteAsync(TileServer(), async route =>
        {
            lock (tilesAsked)
            {
                tilesAsked.Add(route.Request.Url);
            }

            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Tile() });
        });
        await visitor.GotoAsync($"/fr/coops/{slug}");

        int TilesAsked()
        {
            lock (tilesAsked)
            {
                return tilesAsked.Count;
            }
        }

        // Then the map shows the bakery as 1 and the cheese shop as 2 (the list's order), on OpenStreetMap's tiles, credited
        var expected = StaticMap.Of([new MapPlace("1", 45.77m, 4.81m), new MapPlace("2", 45.77465m, 4.80492m)])!;
        var map = visitor.GetByTestId("shop-map");
        await Expect(map.GetByRole(AriaRole.Group, new() { Name = "Carte des boutiques : 1. Boulangerie Bruno, 2. Fromagerie Fanny" })).ToBeVisibleAsync();
        await AssertTilesAsync(map, expected);
        var markers = map.GetByTestId("map-marker");
        await Expect(markers.Locator("[aria-hidden=true]")).ToHaveTextAsync(["1", "2"]);
        for (var i = 0; i < 2; i++)
        {
            await Expect(markers.Nth(i)).ToHaveAttributeAsync("style", $"left: {expected.PercentOfWidth(expected.Markers[i].Left)}; top: {expected.PercentOfHeight(expected.Markers[i].Top)}");
        }

        // Each marker is a link to its shop's page named by the shop, reached with the keyboard, its focus visible
        await Expect(map.GetByRole(AriaRole.Link, new() { Name = "Boulangerie Bruno", Exact = true })).ToHaveAttributeAsync("href", $"/fr/coops/{slug}/shops/{bakery}/about");
        await Expect(map.GetByRole(AriaRole.Link, new() { Name = "Fromagerie Fanny", Exact = true })).ToHaveAttributeAsync("href", $"/fr/coops/{slug}/shops/{cheese}/about");
        await markers.Nth(0).FocusAsync();
        await visitor.Keyboard.PressAsync("Tab");
        await Expect(markers.Nth(1)).ToBeFocusedAsync();
        Assert.Equal("solid", await markers.Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await visitor.ScreenshotAsync("coop-home-map-marker-focused");

        var attribution = map.GetByTestId("map-attribution");
        await Expect(attribution).ToHaveTextAsync("© les contributeurs d’OpenStreetMap");
        await Expect(attribution).ToHaveAttributeAsync("href", "https://www.openstreetmap.org/copyright");
        var shops = visitor.GetByTestId("home-shops");
        await Expect(shops.GetByTestId("map-number")).ToHaveTextAsync(["1", "2"]);
        await Expect(shops.Locator("li").Filter(new() { HasText = "Épicerie du quai" }).GetByTestId("map-number")).ToHaveCountAsync(0);
        await Expect(shops.Locator("li").Filter(new() { HasText = "Épicerie du quai" }).GetByTestId("map-link")).ToBeVisibleAsync();
        for (var attempt = 0; attempt < 40 && TilesAsked() == 0; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(TilesAsked() > 0, "The browser never asked for a tile.");
        await visitor.ScanAndCaptureAsync("coop-home-map");

        // And the cheese shop's page shows it alone, at a street's zoom
        await visitor.GotoAsync($"/fr/coops/{slug}/shops/{cheese}/about");
        var alone = StaticMap.Of([new MapPlace("", 45.77465m, 4.80492m)])!;
        var shopMap = visitor.GetByTestId("shop-map");
        await Expect(shopMap.GetByRole(AriaRole.Img, new() { Name = "Carte : Fromagerie Fanny" })).ToBeVisibleAsync();
        await Expect(shopMap.Locator("[data-zoom]")).ToHaveAttributeAsync("data-zoom", "16");
        await AssertTilesAsync(shopMap, alone);
        await Expect(shopMap.GetByTestId("map-marker")).ToHaveAttributeAsync("style", $"left: {alone.PercentOfWidth(alone.Markers[0].Left)}; top: {alone.PercentOfHeight(alone.Markers[0].Top)}");
        await Expect(shopMap.GetByTestId("map-attribution")).ToHaveAttributeAsync("href", "https://www.openstreetmap.org/copyright");
        await visitor.ScanAndCaptureAsync("shop-page-map");

        // And a shop without coordinates has no map on its page
        await visitor.GotoAsync($"/fr/coops/{slug}/shops/{grocery}/about");
        await Expect(visitor.GetByTestId("address")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("shop-map")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Shops_at_the_same_address_get_markers_side_by_side_and_each_leads_to_its_shop()
    {
        // Given two stalls of one market hall, at the very same coordinates
        var admin = await web.CreateAccountAsync("Ana Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Halles de la Croix-Rousse");
        var stalls = new List<Guid>();
        foreach (var name in new[] { "Primeur des Halles", "Poissonnerie des Halles" })
        {
            var stall = await web.RegisterApprovedShopAsync(admin, admin, slug, name);
            using var api = web.Api(await web.TokenAsync(admin));
            var placed = await api.PutAsJsonAsync($"/api/coops/{slug}/shops/{stall}", new
            {
                name,
                address = new { line1 = "102 boulevard de la Croix-Rousse", postcode = "69004", city = "Lyon" },
                openingHours = new[] { new { day = "saturday", opens = "07:00", closes = "13:00" } },
                fulfilment = new { pickup = true, delivery = false },
                contact = new { email = "halles@example.org" },
                latitude = 45.7765m,
                longitude = 4.8280m,
            });
            Assert.True(placed.IsSuccessStatusCode, $"Placing {name}: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}");
            stalls.Add(stall);
        }

        // When a visitor opens the cooperative's home, in English
        var visitor = await web.NewVisitorAsync();
        await visitor.RouteAsync(TileServer(), route => route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Tile() }));
        await visitor.GotoAsync($"/en/coops/{slug}");

        // Then the two markers sit side by side, neither covering the other, around the hall's spot
        var map = visitor.GetByTestId("shop-map");
        var markers = map.GetByTestId("map-marker");
        await Expect(markers).ToHaveCountAsync(2);
        await AssertApartAsync(markers);
        await visitor.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await AssertApartAsync(markers); // the map drawn smaller on a phone, the markers not
        await visitor.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);
        await visitor.ScanAndCaptureAsync("coop-home-map-same-address");

        // And a click on the second one (where the first would have covered it) opens its shop's page
        await map.GetByRole(AriaRole.Link, new() { Name = "Poissonnerie des Halles", Exact = true }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex($"/en/coops/{slug}/shops/{stalls[1]}/about$"));
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Poissonnerie des Halles");
    }

    private static async Task AssertApartAsync(ILocator markers)
    {
        var first = (await markers.Nth(0).BoundingBoxAsync())!;
        var second = (await markers.Nth(1).BoundingBoxAsync())!;
        var apart = first.X + first.Width <= second.X || second.X + second.Width <= first.X || first.Y + first.Height <= second.Y || second.Y + second.Height <= first.Y;
        Assert.True(apart, $"The markers overlap: {first.X},{first.Y} {first.Width}×{first.Height} and {second.X},{second.Y} {second.Width}×{second.Height}");
    }

    private static async Task AssertTilesAsync(ILocator map, StaticMap expected)
    {
        var tiles = map.Locator("img.shop-map-tile");
        await Expect(tiles).ToHaveCountAsync(expected.Tiles.Count);
        for (var i = 0; i < expected.Tiles.Count; i++)
        {
            var tile = expected.Tiles[i];
            await Expect(tiles.Nth(i)).ToHaveAttributeAsync("src", $"https://tile.openstreetmap.org/{expected.Zoom}/{tile.X}/{tile.Y}.png");
            await Expect(tiles.Nth(i)).ToHaveAttributeAsync("alt", "");
        }
    }

    [GeneratedRegex(@"^https://tile\.openstreetmap\.org/")]
    private static partial Regex TileServer();

    private static byte[] Tile()
    {
        using var bitmap = new SKBitmap(256, 256);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE4, 0xEE, 0xE0));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
