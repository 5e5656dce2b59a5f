using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>What a baker and her customers saw wrong on screen (issue 14, point 9), each now held by a test.</summary>
[Collection(BrowserCollection.Name)]
public class WhatWasSeenTests(WebApp web)
{
    [Fact]
    public async Task A_pending_shop_card_keeps_a_long_address_and_email_inside_its_edges_on_a_desktop_and_a_phone()
    {
        // Given a shop waiting for approval with a long street and a long e-mail address
        var admin = await web.CreateAccountAsync("Odile Admin");
        var owner = await web.CreateAccountAsync("Paul Épicier");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants des Terreaux");
        await web.AddMemberAsync(admin, slug, owner, "shop_owner");
        using (var api = web.Api(await web.TokenAsync(owner)))
        {
            var registered = await api.PostAsJsonAsync($"/api/coops/{slug}/shops", new
            {
                name = "Épicerie des Terreaux",
                address = new { line1 = "Galerie-marchande-du-passage-de-l'Argue-entrée-côté-rue-de-la-République", postcode = "69002", city = "Lyon" },
                openingHours = new[] { new { day = "monday", opens = "09:00", closes = "18:00" } },
                fulfilment = new { pickup = true, delivery = false },
                contact = new { email = "commandes.et.renseignements.epicerie-fine@epicerie-des-terreaux-lyon.example" },
            });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // When the admin opens the shops to approve
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/fr/coops/{slug}/admin/shops");
        var card = page.Locator("li.card").Filter(new() { HasText = "Épicerie des Terreaux" });
        await Expect(card).ToBeVisibleAsync();

        // Then every fact stays inside the card, at both widths
        foreach (var screen in new[] { Screens.Desktop, Screens.Phone })
        {
            await page.SetViewportSizeAsync(screen.Width, screen.Height);
            var edge = await card.BoundingBoxAsync();
            foreach (var fact in await card.Locator("dd").AllAsync())
            {
                var box = await fact.BoundingBoxAsync();
                Assert.True(box!.X + box.Width <= edge!.X + edge.Width + 0.5, $"At {screen.Width} px a fact ends at {box.X + box.Width}, past the card's edge at {edge.X + edge.Width}.");
            }

            Assert.Equal(screen.Width, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        }

        await page.ScanAndCaptureAsync("seen-pending-shop-card-fr");
    }

    [Fact]
    public async Task A_shop_whose_name_starts_with_a_vowel_reads_d_apostrophe_in_French_and_the_products_trail_does_not_say_shops()
    {
        // Given an approved shop named with a vowel, and one with a consonant
        var admin = await web.CreateAccountAsync("Quentin Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Saint-Paul");
        var epicerie = await web.RegisterApprovedShopAsync(admin, admin, slug, "Épicerie des Terreaux");
        await web.RegisterApprovedShopAsync(admin, admin, slug, "Boulangerie Bruno");

        // When a visitor opens the shops, in French
        var page = await web.NewVisitorAsync();
        await page.GotoAsync($"/fr/coops/{slug}/shops");

        // Then "de" is elided before the vowel only
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Les produits d'Épicerie des Terreaux" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Les produits de Boulangerie Bruno" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Les produits de Épicerie")).ToHaveCountAsync(0);
        await page.GotoAsync($"/fr/coops/{slug}/shops/{epicerie}/about");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les produits d'Épicerie des Terreaux" })).ToBeVisibleAsync();

        // And the same in English is untouched
        await page.GotoAsync($"/en/coops/{slug}/shops");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Épicerie des Terreaux's products" })).ToBeVisibleAsync();

        // And the products' trail leads home (and to the shop when the list is one shop's), never "› Shops"
        await page.GotoAsync($"/fr/coops/{slug}/products");
        var trail = page.Locator("p.breadcrumb");
        await Expect(trail).ToHaveTextAsync("Commerçants de Saint-Paul");
        await page.GotoAsync($"/fr/coops/{slug}/products?shop={epicerie}");
        await Expect(trail).ToHaveTextAsync("Commerçants de Saint-Paul › Épicerie des Terreaux");
        await Expect(trail.GetByRole(AriaRole.Link, new() { Name = "Épicerie des Terreaux" })).ToHaveAttributeAsync("href", $"/fr/coops/{slug}/shops/{epicerie}/about");
        await page.ScanAndCaptureAsync("seen-products-of-one-shop-fr");
    }

    [Fact]
    public async Task The_example_csv_links_no_image_that_does_not_exist()
    {
        var page = await web.NewVisitorAsync();
        var response = await page.APIRequest.GetAsync("/examples/import-produits.csv");
        Assert.Equal(200, response.Status);
        var text = await response.TextAsync();

        // example.org and its subdomains are reserved (RFC 2606): images.example.org never answers
        Assert.DoesNotContain("example.org", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), row => Assert.Equal(13, row.Split(';').Length));
    }
}
