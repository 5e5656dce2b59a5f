using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>One language at a time (issue 14, point 6): the browser's on a first visit, the address's once followed, every message in it.</summary>
[Collection(BrowserCollection.Name)]
public class OneLanguageAtATimeTests(WebApp web)
{
    private const string FrenchPasswordRule = "Le mot de passe a au moins 10 caractères et n'est pas un seul caractère répété.";
    private const string EnglishPasswordRule = "The password has at least 10 characters and is not one character repeated.";

    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("en-US", "en")]
    [InlineData("fr-BE", "fr")]
    [InlineData("de-DE", "fr")]
    public async Task A_first_visit_is_in_the_browser_s_language_when_we_speak_it_else_in_French(string browser, string expected)
    {
        var page = await web.NewVisitorAsync(browser);

        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", expected);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = expected == "en" ? "Sign in" : "Se connecter" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_language_switch_wins_over_the_browser_s_language()
    {
        // Given an English browser on its first visit
        var page = await web.NewVisitorAsync("en-GB");
        await page.GotoAsync("/");

        // When its visitor chooses French
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        // Then French it stays
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.GotoAsync("/sign-up");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Créer un compte");
    }

    [Fact]
    public async Task A_followed_english_link_stays_english_for_a_visitor_who_chose_french_and_the_switch_keeps_the_page()
    {
        // Given a visitor who chose French with the switch on a cooperative's page
        var coop = await web.App.OnboardAsync();
        var page = await web.NewVisitorAsync("en-GB");
        await page.GotoAsync($"/en/coops/{coop}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        // When they follow a link someone shared in English
        await page.GotoAsync($"/en/coops/{coop}/products");

        // Then the page stays at its English address, in English, and so does sign-in from there
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/products$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");

        // And the switch on a page takes them to the same page in the other language
        await page.GotoAsync($"/en/coops/{coop}/products?q=pain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products\\?q=pain$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
    }

    [Fact]
    public async Task A_followed_english_link_stays_english_through_sign_up_and_its_password_rule_and_french_says_it_in_french()
    {
        // Given a French browser that follows a link to a cooperative in English
        var coop = await web.App.OnboardAsync();
        var page = await web.NewVisitorAsync("fr-FR");
        await page.GotoAsync($"/en/coops/{coop}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // When they go on to sign up (an address that names no language)
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();

        // Then the page is in English, and so is the password rule when theirs is too short
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create an account");
        await page.GetByLabel("Your name").FillAsync("Rose Cliente");
        await page.GetByLabel("Email address").FillAsync($"rose-{Guid.NewGuid():N}@example.org");
        await page.GetByLabel("Password").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.Locator("#password-error")).ToHaveTextAsync(EnglishPasswordRule);
        await page.ScanAndCaptureAsync("language-sign-up-error-en");

        // And in French, the same mistake reads in French only
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await page.GetByLabel("Votre nom").FillAsync("Rose Cliente");
        await page.GetByLabel("Adresse e-mail").FillAsync($"rose-{Guid.NewGuid():N}@example.org");
        await page.GetByLabel("Mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.Locator("#password-error")).ToHaveTextAsync(FrenchPasswordRule);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(EnglishPasswordRule);
        await page.ScanAndCaptureAsync("language-sign-up-error-fr");
    }

    [Theory]
    [InlineData("fr", "Ce lien de réinitialisation n'est pas valide ou a expiré ; demandez-en un nouveau.", "Enregistrer le mot de passe", "Nouveau mot de passe")]
    [InlineData("en", "This reset link is invalid or has expired; ask for a new one.", "Save the password", "New password")]
    public async Task An_invalid_reset_link_says_so_in_the_language_of_the_link(string lang, string message, string submit, string newPassword)
    {
        // Given a reset link whose token is not (any more) valid, opened by a browser of the other language
        var page = await web.NewVisitorAsync(lang == "fr" ? "en-GB" : "fr-FR");
        await page.GotoAsync($"/{lang}/reset-password?token=not-a-token&email=rose%40example.org");

        // When a new password is chosen
        await page.GetByLabel(lang == "fr" ? "Adresse e-mail" : "Email address").FillAsync("rose@example.org");
        await page.GetByLabel(newPassword).FillAsync("un mot de passe assez long");
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();

        // Then the reason is in the link's language
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(page.Locator("main")).ToContainTextAsync(message);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Selling_more_than_the_stock_gives_that_reason_in_each_language_not_the_customers_reservations()
    {
        // Given a shop's product with 10 in stock and none reserved
        var owner = await web.CreateAccountAsync("Victor Caviste");
        var slug = await web.CreateCooperativeAsAsync(owner, "Commerçants de Perrache");
        var shop = await web.RegisterApprovedShopAsync(owner, owner, slug, "Cave Victor");
        var product = await web.AddProductAsync(owner, slug, shop, "BRUT-75", "Crémant de Bourgogne", "Crémant de Bourgogne", 1290);
        var page = await web.SignedInVisitorAsync(owner);

        // When the owner records a sale of 12 in the shop, in French
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/products/{product}");
        await page.GetByLabel("Motif").SelectOptionAsync(new SelectOptionValue { Label = "Vente en boutique (retire du stock)" });
        await page.GetByLabel("Quantité").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'ajustement" }).ClickAsync();

        // Then the reason is that there are not that many, not that customers reserved some
        await Expect(page.Locator("#quantity-error")).ToHaveTextAsync("La boutique n'a pas autant d'unités en stock : impossible d'en retirer plus qu'il n'y en a.");

        // And the same in English
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByLabel("Reason").SelectOptionAsync("sale-in-shop");
        await page.GetByLabel("Quantity").FillAsync("12");
        await page.Locator("form").Filter(new() { Has = page.GetByLabel("Quantity") }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#quantity-error")).ToHaveTextAsync("The shop does not have that many units in stock: you cannot remove more than there are.");
        await page.ScanAndCaptureAsync("language-sale-over-stock-en");
    }

    [Fact]
    public async Task Adding_an_unknown_member_says_why_in_the_page_s_language()
    {
        // Given a cooperative's admin
        var admin = await web.CreateAccountAsync("Sacha Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        var page = await web.SignedInVisitorAsync(admin);
        var nobody = $"personne-{Guid.NewGuid():N}@example.org";

        // When they add someone who has no account, in French then in English
        await page.GotoAsync($"/fr/coops/{slug}/admin/members");
        await page.GetByLabel("Adresse e-mail").FillAsync(nobody);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();

        // Then each says why in its own language
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("Aucun compte n'a cette adresse : demandez à la personne de s'inscrire d'abord.");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{slug}/admin/members$"));
        await page.GetByLabel("Email address").FillAsync(nobody);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("No account has this e-mail: ask the person to sign up first.");
        await page.ScanAndCaptureAsync("language-unknown-member-en");
    }
}
