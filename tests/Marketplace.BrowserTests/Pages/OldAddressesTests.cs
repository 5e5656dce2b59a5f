using System.Net;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>
/// ADR 23: the addresses the web app had before (/c/{coop}/..., /cooperatives/new) answer 301 to the same page under
/// /{lang}/..., keeping the rest of the path and the query string, so mailed links and bookmarks keep working.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OldAddressesTests(WebApp web)
{
    /// <summary>What the language switch stores (CookieRequestCultureProvider's cookie).</summary>
    private const string EnglishChosen = ".AspNetCore.Culture=c=en-GB|uic=en-GB";

    private const string FrenchChosen = ".AspNetCore.Culture=c=fr-FR|uic=fr-FR";

    [Fact]
    public async Task Old_addresses_answer_301_to_the_same_page_in_the_visitor_s_language_keeping_the_path_and_query()
    {
        // Given a French cooperative and one whose first language is English, and a shop id
        var french = await web.CreateAsync("Boutiques de " + Guid.NewGuid().ToString("N")[..6], "fr", "en");
        var english = await web.CreateAsync("Shops of " + Guid.NewGuid().ToString("N")[..6], "en", "fr");
        var shop = Guid.NewGuid();

        // Then each old address is sent, permanently, to its new one: in the language the visitor chose with the switch,
        // else in the cooperative's first language (as the old page was shown), else in French
        await AssertMovedAsync($"/c/{french}/back-office/{shop}/questions?status=unanswered", null, $"/fr/coops/{french}/back-office/{shop}/questions?status=unanswered");
        await AssertMovedAsync($"/c/{english}", null, $"/en/coops/{english}");
        await AssertMovedAsync($"/c/{french}/admin/shops", EnglishChosen, $"/en/coops/{french}/admin/shops");
        await AssertMovedAsync($"/c/{english}/back-office/new", FrenchChosen, $"/fr/coops/{english}/back-office/new");
        await AssertMovedAsync("/cooperatives/new", null, "/fr/cooperatives/new");
        await AssertMovedAsync("/cooperatives/new?from=mail", EnglishChosen, "/en/cooperatives/new?from=mail");

        // And a form posted to an old address (a page rendered before the move) is posted again to the new one
        using var client = NoRedirects();
        using var posted = await client.PostAsync($"/c/{french}/admin/members", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.PermanentRedirect, posted.StatusCode);
        Assert.Equal($"/fr/coops/{french}/admin/members", posted.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_back_office_link_mailed_in_the_old_form_leads_through_sign_in_to_the_page_at_its_new_address()
    {
        // Given a shop's owner, and the link to its questions as the Platform mailed it before the move
        var admin = await web.CreateAccountAsync("Inès Admin");
        var owner = await web.CreateAccountAsync("Jules Primeur");
        var coop = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Guillotière");
        await web.AddMemberAsync(admin, coop, owner, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(owner, admin, coop, "Primeur Jules");

        // When the owner, not signed in on this browser, follows it
        var page = await web.NewVisitorAsync();
        await page.GotoAsync($"/c/{coop}/back-office/{shop}/questions");

        // Then the sign-in page will bring them back to the new address
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Se connecter");
        Assert.Contains(Uri.EscapeDataString($"/fr/coops/{coop}/back-office/{shop}/questions"), page.Url, StringComparison.Ordinal);

        // And once signed in, they are on the shop's questions, at the new address
        await page.GetByLabel("Adresse e-mail").FillAsync(owner);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/back-office/{shop}/questions$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Questions des clients");
        await page.ScanAndCaptureAsync("shop-questions-from-old-link");

        // And the switch takes them to the same page at its English address
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/back-office/{shop}/questions$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Customers' questions");

        // And a French address they follow afterwards stays French: the address says what the page is in
        await page.GotoAsync($"/fr/coops/{coop}/back-office/{shop}/questions");
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/back-office/{shop}/questions$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Questions des clients");
    }

    private async Task AssertMovedAsync(string oldAddress, string? cookie, string newAddress)
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, oldAddress);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(newAddress, response.Headers.Location?.OriginalString);
    }

    private HttpClient NoRedirects() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = web.BaseAddress };
}
