using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A cooperative's legal pages (ADR 47): its admin writes the legal notice in French; a visitor finds it at the foot of the
/// cooperative's home, in French; the English page shows the French text with a note; a page not written yet says so (404).
/// </summary>
[Collection(BrowserCollection.Name)]
public class LegalPagesTests(WebApp web)
{
    [Fact]
    public async Task An_admin_writes_the_legal_notice_in_French_and_a_visitor_reads_it_from_the_footer()
    {
        // Given a cooperative and its admin on the page of its legal pages (from the cooperative's home)
        var admin = await web.CreateAccountAsync("Ana Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Nantes");
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/fr/coops/{slug}");
        await page.GetByTestId("legal-admin-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pages légales" })).ToBeVisibleAsync();

        // When the admin publishes it with nothing written, it is refused next to the French field
        await page.GetByTestId("legal-save").ClickAsync();
        await Expect(page.Locator("#TextFr-error")).ToHaveTextAsync("Écrivez la page en français, en anglais ou dans les deux langues.");
        await Expect(page.Locator("#TextFr")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("legal-1-admin-error");

        // Then with a French text of two paragraphs (one holding what looks like HTML) it is published
        await page.GetByLabel("Texte en français").FillAsync("Éditeur : Commerçants de Nantes, 3 rue Crébillon, 44000 Nantes.\n\nHébergeur : <b>OVH</b>, Roubaix.");
        await page.GetByTestId("legal-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("« Mentions légales » est publiée.");
        await Expect(page.GetByLabel("Texte en français")).ToHaveValueAsync("Éditeur : Commerçants de Nantes, 3 rue Crébillon, 44000 Nantes.\n\nHébergeur : <b>OVH</b>, Roubaix.");
        await page.ScanAndCaptureAsync("legal-2-admin-published");

        // When a visitor follows the link at the foot of the cooperative's home, in French
        var visitor = await web.NewVisitorAsync();
        await visitor.GotoAsync($"/fr/coops/{slug}");
        await visitor.GetByTestId("legal-links").GetByRole(AriaRole.Link, new() { Name = "Mentions légales" }).ClickAsync();

        // Then they read it, paragraph by paragraph, the HTML shown as text
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Mentions légales", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("legal-text").Locator("p")).ToHaveTextAsync(["Éditeur : Commerçants de Nantes, 3 rue Crébillon, 44000 Nantes.", "Hébergeur : <b>OVH</b>, Roubaix."]);
        await Expect(visitor.GetByTestId("legal-text").Locator("b")).ToHaveCountAsync(0);
        await Expect(visitor.GetByTestId("legal-other-language")).ToHaveCountAsync(0);
        await visitor.ScanAndCaptureAsync("legal-3-visitor-fr");

        // And the English page shows the French text, saying so
        await visitor.GotoAsync($"/en/coops/{slug}/legal/notice");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Legal notice", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("legal-other-language")).ToHaveTextAsync("This page is only published in French: here it is as it was written.");
        await Expect(visitor.GetByTestId("legal-text")).ToHaveAttributeAsync("lang", "fr");
        await Expect(visitor.GetByTestId("legal-text")).ToContainTextAsync("Hébergeur");
        await visitor.ScanAndCaptureAsync("legal-4-visitor-en");

        // And the terms of sale, not written yet, say so politely (404)
        var terms = await visitor.GotoAsync($"/en/coops/{slug}/legal/terms");
        Assert.Equal(404, terms!.Status);
        await Expect(visitor.GetByTestId("legal-not-published")).ToContainTextAsync("has not published this page yet");
        await visitor.ScanAndCaptureAsync("legal-5-not-published");
    }
}
