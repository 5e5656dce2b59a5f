using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>The account pages as a visitor first sees them: every field labelled, no serious accessibility issue.</summary>
[Collection(BrowserCollection.Name)]
public class AccountPagesTests(WebApp web)
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/sign-up", "Créer un compte", "sign-up" },
        { "/sign-in", "Se connecter", "sign-in" },
        { "/sign-out", "Se déconnecter", "sign-out" },
        { "/forgot-password", "Mot de passe oublié", "forgot-password" },
        { "/reset-password?email=a%40example.org&token=t", "Choisir un nouveau mot de passe", "reset-password" },
        { "/en/reset-password?email=a%40example.org&token=t", "Choose a new password", "reset-password-en" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Account_page_is_labelled_and_accessible(string path, string heading, string screenshot)
    {
        // When a visitor opens the page
        var page = await web.NewVisitorAsync();
        await page.GotoAsync(path);

        // Then it shows its heading, every visible field has a label, and axe finds nothing serious
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        foreach (var input in await page.Locator("main input:not([type=hidden]), main select").AllAsync())
        {
            var id = await input.GetAttributeAsync("id");
            Assert.False(string.IsNullOrEmpty(id));
            await Expect(page.Locator($"label[for='{id}']")).ToBeVisibleAsync();
        }

        await page.ScanAndCaptureAsync(screenshot);
    }

    [Fact]
    public async Task Reset_link_keeps_the_email_and_token_of_the_mail()
    {
        // When the person opens the link mailed to them ({WebBaseUrl}/{lang}/reset-password?email=...&token=...)
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/en/reset-password?email=ana%40example.org&token=abc123");

        // Then the form is in the mail's language, carrying its email and token
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByLabel("Email address")).ToHaveValueAsync("ana@example.org");
        await Expect(page.Locator("input[name=Token]")).ToHaveValueAsync("abc123");
    }
}
