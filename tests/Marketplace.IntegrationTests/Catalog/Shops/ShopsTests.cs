using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;

namespace Marketplace.IntegrationTests.Catalog.Shops;

public sealed class ShopsTests : MarketplaceTest
{
    private TenantId _coop;
    private TenantId _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _other = await App.OnboardAsync();
    }

    [Fact]
    public async Task A_registered_shop_waits_for_an_admin_then_shows_to_everyone_with_its_hours_and_address()
    {
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Épicerie Lebrun", owner);
        using var anonymous = App.CatalogClient();
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/coops/{_coop}/shops/{shop}")).StatusCode);
        Assert.DoesNotContain(await IdsAsync(anonymous, $"/api/coops/{_coop}/shops"), id => id == shop);
        var mine = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops?owner=me");
        Assert.Equal("pending", Assert.Single(mine.EnumerateArray()).GetProperty("status").GetString());
        Assert.Contains(await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending"), id => id == shop);

        var approved = await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode); // idempotent

        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal("approved", seen.GetProperty("status").GetString());
        Assert.Equal("Paris", seen.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal("monday", seen.GetProperty("openingHours")[0].GetProperty("day").GetString());
        Assert.Equal(owner, Assert.Single(seen.GetProperty("owners").EnumerateArray()).GetGuid());
        Assert.Contains(await IdsAsync(anonymous, $"/api/coops/{_coop}/shops"), id => id == shop);
        Assert.DoesNotContain(await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending"), id => id == shop);
        await App.Probe.WaitForAsync<CatalogContracts.ShopApproved>(e => e.ShopId == shop);
        Assert.Single(App.Probe.Of<CatalogContracts.ShopApproved>(e => e.ShopId == shop)); // approving twice published once
    }

    [Fact]
    public async Task Shops_are_filtered_by_query_string_each_filter_for_whom_it_concerns()
    {
        // Given an approved shop and two waiting ones, one of them owned by the caller
        var owner = Guid.NewGuid();
        var approved = await App.RegisterShopAsync(_coop, "Boulangerie Filtre", owner, approve: true);
        var first = await App.RegisterShopAsync(_coop, "Zinc en attente");
        var mineWaiting = await App.RegisterShopAsync(_coop, "Atelier en attente", owner);
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));

        // Then each filter answers its own list: the admin works through the waiting ones oldest first
        var pending = await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending");
        Assert.True(pending.IndexOf(first) < pending.IndexOf(mineWaiting), "pending shops are listed oldest first");
        Assert.DoesNotContain(approved, pending);
        Assert.Equal(new[] { approved, mineWaiting }.Order(), (await IdsAsync(ownerClient, $"/api/coops/{_coop}/shops?owner=me")).Order());
        Assert.Equal([mineWaiting], await IdsAsync(ownerClient, $"/api/coops/{_coop}/shops?owner=me&status=pending"));
        var all = await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=all");
        Assert.Contains(approved, all);
        Assert.Contains(first, all);

        // And a member sees no one else's waiting shop, an admin of another cooperative none at all
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerClient.GetAsync($"/api/coops/{_coop}/shops?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.GetAsync($"/api/coops/{_coop}/shops?status=all")).StatusCode);
        using var anonymous = App.CatalogClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/coops/{_coop}/shops?owner=me")).StatusCode);

        // And an unknown filter is a field error with its code, not an empty list
        foreach (var (query, field, code) in new[] { ("status=closed", "status", "shop.status_filter"), ("owner=someone", "owner", "shop.owner_filter") })
        {
            var refused = await admin.GetAsync($"/api/coops/{_coop}/shops?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("codes").GetProperty(field)[0].GetString());
        }
    }

    [Fact]
    public async Task Approving_a_shop_while_Ordering_opens_it_for_orders_loses_neither()
    {
        // Given shops approved the moment Ordering's word that they are open for orders arrives (Ordering sends it once a
        // shop is approved and can be paid: here it is sent by the test, at the same time as the approval)
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var shops = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var shop = await App.RegisterShopAsync(_coop, $"Primeur {i}");
            var opened = App.Probe.PublishAsync(new OrderingContracts.ShopOpenedForOrders(_coop, shop, DateTimeOffset.UtcNow), Guid.NewGuid(), _coop.Value);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
            await opened;
            return shop;
        }));

        // When Ordering has opened every one of them
        foreach (var shop in shops)
        {
            await Eventually.TrueAsync(
                async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}")).GetProperty("acceptsOrders").GetBoolean(),
                "Ordering to open " + shop);
        }

        // Then each is both approved and open: neither write overwrote the other
        foreach (var shop in shops)
        {
            var seen = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
            Assert.Equal("approved", seen.GetProperty("status").GetString());
            Assert.True(seen.GetProperty("acceptsOrders").GetBoolean());
        }
    }

    [Fact]
    public async Task A_shop_without_address_or_contact_cannot_be_approved_until_it_gives_them()
    {
        var owner = Guid.NewGuid();
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var created = await ownerClient.PostAsJsonAsync($"/api/coops/{_coop}/shops", new { name = "Atelier vélo" });
        var shop = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var completed = await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", new
        {
            name = "Atelier vélo",
            address = new { line1 = "3 quai Perrache", postcode = "69002", city = "Lyon" },
            openingHours = new[] { new { day = "saturday", opens = "10:00", closes = "12:30" }, new { day = "saturday", opens = "14:00", closes = "18:00" } },
            fulfilment = new { pickup = true, delivery = true, deliveryNote = new { fr = "Livraison à vélo dans Lyon", en = "Bike delivery in Lyon" } },
            contact = new { email = "atelier@example.org" },
        });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Bad_shop_details_are_refused_field_by_field_and_nothing_is_registered()
    {
        var owner = Guid.NewGuid();
        using var client = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));

        var response = await client.PostAsJsonAsync($"/api/coops/{_coop}/shops", new
        {
            name = "",
            address = new { line1 = "1 rue", postcode = "7500", city = "Paris" },
            openingHours = new[] { new { day = "lundi", opens = "19:00", closes = "09:00" } },
            fulfilment = new { pickup = false, delivery = false },
            contact = new { email = "not-an-email", website = "ftp://example.org" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "address.postcode", "openingHours[0].day", "openingHours[0].closes", "fulfilment", "contact.email", "contact.website" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops?owner=me")).EnumerateArray());
    }

    [Theory]
    [InlineData("http://127.0.0.1/admin")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://[::1]/")]
    [InlineData("https://user:secret@boulangerie.example.fr/")]
    public async Task A_shop_website_inside_our_network_is_refused_like_a_product_image(string website)
    {
        var owner = Guid.NewGuid();
        using var client = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));

        var response = await client.PostAsJsonAsync($"/api/coops/{_coop}/shops", new
        {
            name = "Boulangerie du port",
            address = new { line1 = "1 quai Rambaud", postcode = "69002", city = "Lyon" },
            openingHours = new[] { new { day = "monday", opens = "07:00", closes = "19:00" } },
            fulfilment = new { pickup = true, delivery = false },
            contact = new { email = "boulangerie@example.fr", website },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("contact.website", error.Name);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops?owner=me")).EnumerateArray());
    }

    [Fact]
    public async Task Only_owners_and_admins_change_a_shop_and_an_owner_can_add_a_co_owner()
    {
        var owner = Guid.NewGuid();
        var partner = await App.MemberAsync(_coop);
        var shop = await App.RegisterShopAsync(_coop, "Boucherie", owner, approve: true);
        using var stranger = App.CatalogClient(MarketplaceApp.Token($"{_coop}:shop_owner"));
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:shop_owner"));
        using var partnerClient = App.CatalogClient(MarketplaceApp.Token(partner, $"{_coop}:shop_owner"));
        var listing = new { name = new { fr = "Saucisson" }, category = "Charcuterie", price = new { minor = 790, currency = "EUR" }, vatRate = 550 };

        Assert.Equal(HttpStatusCode.Forbidden, (await partnerClient.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/products", listing)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = partner })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = partner })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await partnerClient.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/products", listing)).StatusCode);
    }

    [Fact]
    public async Task A_member_whose_e_mail_address_is_not_confirmed_registers_no_shop()
    {
        // Given a member of the cooperative whose token says the address is not confirmed yet
        var member = Guid.NewGuid();
        using var unconfirmed = App.CatalogClient(MarketplaceApp.UnconfirmedToken(member, $"{_coop}:member"));

        // When they register a shop, even with details that would not pass validation
        var refused = await unconfirmed.PostAsJsonAsync($"/api/coops/{_coop}/shops", new { name = "Épicerie pas encore" });
        var invalid = await unconfirmed.PostAsJsonAsync($"/api/coops/{_coop}/shops", new { name = "" });

        // Then it is refused with the code clients offer "send the link again" on, and no shop exists
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("account.email_unconfirmed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, invalid.StatusCode);
        using var mine = App.CatalogClient(MarketplaceApp.Token(member, $"{_coop}:member"));
        Assert.Empty(await IdsAsync(mine, $"/api/coops/{_coop}/shops?owner=me"));
    }

    [Fact]
    public async Task A_shop_of_one_cooperative_does_not_exist_in_another()
    {
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Primeur", owner, approve: true);
        using var anonymous = App.CatalogClient();
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/coops/{_other}/shops/{shop}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsync($"/api/coops/{_other}/shops/{shop}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
        Assert.DoesNotContain(await IdsAsync(anonymous, $"/api/coops/{_other}/shops"), id => id == shop);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(s => s.GetProperty("id").GetGuid())];
}
