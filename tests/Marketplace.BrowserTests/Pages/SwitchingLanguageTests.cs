using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public class SwitchingLanguageTests(WebApp web)
{
    [Fact]
    public async Task Switching_the_language_changes_the_page_text_and_the_lang_attribute()
    {
        // Given a visitor on the platform's home, in French by default
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(heading).ToHaveTextAsync("Les marchés coopératifs de vos commerçants");

        // When they press "English" in the language switch
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Then the same page is in English, and says so to assistive technology
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(heading).ToHaveTextAsync("Your local shops' cooperative marketplaces");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "English" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScanAndCaptureAsync("platform-home-en");

        // And the choice holds on the next page, until they switch back
        await page.GotoAsync("/sign-in");
        await Expect(heading).ToHaveTextAsync("Sign in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(heading).ToHaveTextAsync("Se connecter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_content_and_switch_the_language()
    {
        // Given a visitor on the platform's home
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/");

        // When they press Tab, the first stop is the skip link, and Enter moves focus to the main content
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // And the language switch works from the keyboard alone
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }
}
