using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A baker who ran her shop alone names her partner a co-owner by e-mail, sees her listed, removes her, and later leaves the shop to her (ADR 48).</summary>
[Collection(BrowserCollection.Name)]
public class CoOwnersTests(WebApp web)
{
    [Fact]
    public async Task An_owner_adds_a_co_owner_by_email_sees_her_listed_removes_her_and_may_leave_the_shop_to_her()
    {
        // Given a cooperative, a baker's approved shop, and her partner, a member of the cooperative
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Bérénice Boulangère");
        var partner = await web.CreateAccountAsync("Paula Partenaire");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        await web.AddMemberAsync(admin, slug, partner, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie à deux");

        // When the baker opens her shop's owners from its back office, in French
        var page = await web.SignedInVisitorAsync(baker);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Propriétaires de la boutique" }).ClickAsync();

        // Then she is the only owner, and cannot be removed
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Propriétaires de la boutique");
        var rows = page.GetByTestId("owners").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Bérénice Boulangère (vous)");
        await Expect(rows.First).ToContainTextAsync("Dernier propriétaire de la boutique");
        await page.ScanAndCaptureAsync("owners-1-alone");

        // When she types an address no member of the cooperative has
        await page.GetByLabel("Son adresse e-mail").FillAsync("personne@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter comme copropriétaire" }).ClickAsync();

        // Then the e-mail field says so, in French, and nothing changed
        await Expect(page.Locator("#Owner_Email-error")).ToContainTextAsync("Aucun membre de cette coopérative n'a cette adresse e-mail.");
        await Expect(page.GetByLabel("Son adresse e-mail")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(rows).ToHaveCountAsync(1);
        await page.ScanAndCaptureAsync("owners-2-unknown-email");

        // When she types her partner's address (as she remembers it, in capitals)
        await page.GetByLabel("Son adresse e-mail").FillAsync(partner.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter comme copropriétaire" }).ClickAsync();

        // Then her partner is an owner too, named in the list
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Paula Partenaire est maintenant propriétaire de la boutique.");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("Paula Partenaire");
        await page.ScanAndCaptureAsync("owners-3-two-owners");

        // And her partner now finds the shop among hers
        var partnerPage = await web.SignedInVisitorAsync(partner);
        await partnerPage.GotoAsync($"/fr/coops/{slug}/back-office");
        await Expect(partnerPage.GetByRole(AriaRole.Link, new() { Name = "Boulangerie à deux" })).ToBeVisibleAsync();

        // When the baker removes her
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer Paula Partenaire des propriétaires" }).ClickAsync();

        // Then she is alone again
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le propriétaire a été retiré.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Bérénice Boulangère (vous)");

        // When she names her partner again and then leaves the shop to her
        await page.GetByLabel("Son adresse e-mail").FillAsync(partner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter comme copropriétaire" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vous retirer des propriétaires" }).ClickAsync();

        // Then she is back on her shops, which no longer list it, and the partner still runs it
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/back-office$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Boulangerie à deux" })).ToHaveCountAsync(0);
        await partnerPage.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/owners");
        await Expect(partnerPage.GetByTestId("owners").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(partnerPage.GetByTestId("owners")).ToContainTextAsync("Paula Partenaire (vous)");
        await partnerPage.ScanAndCaptureAsync("owners-4-left-to-the-partner");
    }
}
