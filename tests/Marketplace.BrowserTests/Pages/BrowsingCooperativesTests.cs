using Marketplace.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public class BrowsingCooperativesTests(WebApp web)
{
    [Fact]
    public async Task Platform_home_lists_a_cooperative_created_through_the_API()
    {
        // Given a cooperative created through the API
        var name = "Commerçants de " + Guid.NewGuid().ToString("N")[..6];
        var slug = await web.CreateAsync(name);

        // When a visitor opens the platform's home and looks for it by name (the home lists cooperatives a page at a time)
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Trouver une coopérative par son nom").FillAsync(name);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();

        // Then it is listed, linking to its home, in French by default
        var link = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = name, Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", $"/fr/coops/{slug}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.ScanAndCaptureAsync("platform-home");

        // And following the link opens the cooperative's home
        await link.ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
    }

    [Fact]
    public async Task Cooperative_home_shows_its_name_in_its_first_language()
    {
        // Given a cooperative whose first language is English and one whose first language is French
        var english = "Shops of " + Guid.NewGuid().ToString("N")[..6];
        var englishSlug = await web.CreateAsync(english, "en", "fr");
        var french = "Boutiques de " + Guid.NewGuid().ToString("N")[..6];
        var frenchSlug = await web.CreateAsync(french, "fr");

        // When a new visitor (no language chosen) follows the English one's link on the platform's home
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(english));
        var link = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = english, Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", $"/en/coops/{englishSlug}");
        await link.ClickAsync();

        // Then it shows its name, in English
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(english);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("cooperative-home-en");

        // And the French one's home is in French
        await page.GotoAsync($"/fr/coops/{frenchSlug}");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(french);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.ScanAndCaptureAsync("cooperative-home-fr");
    }

    [Fact]
    public async Task Unknown_cooperative_shows_the_not_found_page()
    {
        // When a visitor opens the home of a cooperative that does not exist
        var page = await web.NewVisitorAsync();
        var response = await page.GotoAsync("/fr/coops/no-such-coop-here");

        // Then the answer is 404 with a page that says so and leads home
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Retour à l'accueil" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("not-found");
    }

    [Fact]
    public async Task Creating_a_cooperative_asks_the_visitor_to_sign_in_first()
    {
        // When a visitor who is not signed in opens "create a cooperative"
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/fr/cooperatives/new");

        // Then they are on the sign-in page, which will bring them back
        Assert.StartsWith(new Uri(web.BaseAddress, "/sign-in").ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Ffr%2Fcooperatives%2Fnew", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Se connecter");
    }
}
