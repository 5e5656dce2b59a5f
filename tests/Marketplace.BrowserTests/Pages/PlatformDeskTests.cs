using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>Issue 14 point 7: the platform lists the cooperatives a platform admin approved, not every trial.</summary>
[Collection(BrowserCollection.Name)]
public class PlatformDeskTests(WebApp web)
{
    [Fact]
    public async Task A_new_cooperative_waits_off_the_public_list_until_the_platform_admin_approves_it()
    {
        // Given a cooperative someone just created (it works at its address from the start)
        var name = "Halles de " + Guid.NewGuid().ToString("N")[..6];
        var slug = await web.CreateAsync(MarketplaceApp.Token(), name, ["fr", "en"], approve: false);
        var visitor = await web.NewVisitorAsync();
        await visitor.GotoAsync($"/fr/coops/{slug}");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

        // Then the platform's home does not list it yet
        await visitor.GotoAsync("/?q=" + Uri.EscapeDataString(name));
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(0);

        // When the platform admin opens the desk from the menu, sees it waiting with its address, and approves it
        var email = await web.CreateAccountAsync("Pat Plateforme", MarketplaceApp.PlatformDeskEmail);
        var admin = await web.SignedInVisitorAsync(email);
        await admin.GetByTestId("platform-link").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coopératives à approuver");
        var card = admin.GetByTestId("waiting-cooperatives").GetByRole(AriaRole.Listitem).Filter(new() { HasText = name });
        await Expect(card.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/fr/coops/{slug}");
        await admin.ScanAndCaptureAsync("platform-desk-waiting");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Approuver {name}" }).ClickAsync();

        // Then it is on the public list, and the desk says so
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"« {name} » est maintenant dans la liste publique.");
        await Expect(admin.GetByTestId("approved-cooperatives")).ToContainTextAsync(name);
        await visitor.ReloadAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", $"/fr/coops/{slug}");

        // And taking it off the list again is one button away
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Retirer de la liste : {name}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("a été retirée de la liste publique");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Someone_who_is_not_a_platform_admin_is_told_the_desk_is_not_for_them()
    {
        var page = await web.SignedInVisitorAsync(await web.CreateAccountAsync("Camille Cliente"));
        await Expect(page.GetByTestId("platform-link")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/en/platform/cooperatives");

        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This page is for the platform's administrators.");
        await page.ScanAndCaptureAsync("platform-desk-forbidden");
    }
}
