using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Shops;

public sealed class ShopProfileTests : MarketplaceTest
{
    [Fact]
    public async Task Each_change_of_a_shop_tells_its_whole_profile_with_a_growing_version()
    {
        // Given a shop registered by its owner, then changed, given a second owner and approved
        var coop = await App.OnboardAsync();
        var answers = await CatalogAnswers.GetAsync();
        var owner = Guid.NewGuid();
        var partner = await App.MemberAsync(coop);
        var shop = await App.RegisterShopAsync(coop, "Fromagerie", owner);
        var registered = await answers.WaitForAsync<CatalogContracts.ShopProfileChanged>(p => p.ShopId == shop);
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        var changed = await admin.PutAsJsonAsync($"/api/coops/{coop}/shops/{shop}", new
        {
            name = "Fromagerie du marché",
            address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
            openingHours = new[] { new { day = "tuesday", opens = "08:00", closes = "12:30" }, new { day = "tuesday", opens = "15:00", closes = "19:00" } },
            fulfilment = new { pickup = true, delivery = true },
            contact = new { email = "fromages@example.org" },
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{coop}/shops/{shop}/owners", new { accountId = partner })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/approve", null)).StatusCode);

        // When the relay has told all four
        await Eventually.TrueAsync(() => Task.FromResult(answers.Of<CatalogContracts.ShopProfileChanged>(p => p.ShopId == shop).Count >= 4), "four profiles");
        await Task.Delay(500); // and nothing more comes: a change is told once
        var profiles = answers.Of<CatalogContracts.ShopProfileChanged>(p => p.ShopId == shop).OrderBy(p => p.Version).ToList();

        // Then each is the whole profile after its change, its version growing with the shop's stream
        Assert.Equal(4, profiles.Count);
        Assert.Equal(coop, registered.Tenant);
        Assert.Equal(("Fromagerie", false, true, false, "shop@example.org"), (profiles[0].Name, profiles[0].Approved, profiles[0].Pickup, profiles[0].Delivery, profiles[0].ContactEmail));
        Assert.Equal([owner], profiles[0].Owners);
        Assert.Equal([new CatalogContracts.ShopOpeningPeriod("monday", "09:00", "19:00")], profiles[0].OpeningHours);
        Assert.Equal(("Fromagerie du marché", false, true, "fromages@example.org"), (profiles[1].Name, profiles[1].Approved, profiles[1].Delivery, profiles[1].ContactEmail));
        Assert.Equal(
            [new CatalogContracts.ShopOpeningPeriod("tuesday", "08:00", "12:30"), new CatalogContracts.ShopOpeningPeriod("tuesday", "15:00", "19:00")],
            profiles[1].OpeningHours);
        Assert.Equal("12 rue de la Paix, 75002 Paris", profiles[1].Address);
        Assert.Equal([owner, partner], profiles[2].Owners);
        Assert.False(profiles[2].Approved);
        Assert.True(profiles[3].Approved);
        Assert.Equal([owner, partner], profiles[3].Owners);
        Assert.Equal("Fromagerie du marché", profiles[3].Name);
        Assert.True(profiles.Zip(profiles.Skip(1)).All(p => p.First.Version < p.Second.Version), string.Join(", ", profiles.Select(p => p.Version)));
        Assert.Equal(2, profiles[0].Version);

        // And the same change again tells nothing new
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/approve", null)).StatusCode);
        await Task.Delay(500);
        Assert.Equal(4, answers.Of<CatalogContracts.ShopProfileChanged>(p => p.ShopId == shop).Count);
    }
}
