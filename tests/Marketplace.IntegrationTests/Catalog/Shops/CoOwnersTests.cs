using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Shops;

/// <summary>A shop the baker runs with a partner (ADR 48): she finds her by e-mail among the cooperative's members, names her a co-owner, and one of them may leave.</summary>
public sealed class CoOwnersTests : MarketplaceTest
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
    public async Task A_shop_owner_finds_a_member_by_email_whatever_its_case_and_spaces()
    {
        var (partnerEmail, partnerId) = await MemberAsync(_coop, "Paula Partenaire", "customer");
        using var owner = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:shop_owner"));

        var found = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = $"  {partnerEmail.ToUpperInvariant()} " });

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(partnerId, body.GetProperty("accountId").GetGuid());
        Assert.Equal("Paula Partenaire", body.GetProperty("displayName").GetString());
        Assert.False(body.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_shop_owner_reads_the_names_of_members_only_in_one_call()
    {
        var (_, partnerId) = await MemberAsync(_coop, "Paula Partenaire", "shop_owner");
        var (_, baker) = await MemberAsync(_coop, "Bérénice Boulangère", "shop_owner");
        var (_, elsewhere) = await MemberAsync(_other, "Olga Ailleurs", "shop_owner");
        using var owner = App.PlatformClient(MarketplaceApp.Token(baker, $"{_coop}:shop_owner"));

        var names = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/names", new { accountIds = new[] { baker, elsewhere, partnerId, Guid.NewGuid() } });

        // in the order asked; another cooperative's member and an unknown account are left out alike
        Assert.Equal(HttpStatusCode.OK, names.StatusCode);
        var found = (await names.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Select(m => (m.GetProperty("accountId").GetGuid(), m.GetProperty("displayName").GetString())).ToList();
        Assert.Equal([(baker, "Bérénice Boulangère"), (partnerId, "Paula Partenaire")], found);

        using var customer = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync($"/api/coops/{_coop}/memberships/names", new { accountIds = new[] { baker } })).StatusCode);
        var tooMany = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/names", new { accountIds = Enumerable.Range(0, 51).Select(_ => Guid.NewGuid()) });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("accountIds", Assert.Single((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()).Name);
    }

    [Fact]
    public async Task An_unknown_email_and_a_member_of_another_cooperative_get_the_same_404()
    {
        var (elsewhere, _) = await MemberAsync(_other, "Olga Ailleurs", "shop_owner");
        using var owner = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:shop_owner"));

        var unknown = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = AccountsApi.NewEmail("nobody") });
        var foreign = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = elsewhere });

        foreach (var response in new[] { unknown, foreign })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("member.not_found", problem.GetProperty("code").GetString());
            Assert.Equal("email", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
        }

        Assert.Equal(Strip(await unknown.Content.ReadAsStringAsync()), Strip(await foreign.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_customer_a_plain_member_and_an_admin_of_another_cooperative_may_not_look_members_up()
    {
        var (partnerEmail, _) = await MemberAsync(_coop, "Paula Partenaire", "customer");
        foreach (var token in new[]
        {
            MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"),
            MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:member"),
            MarketplaceApp.Token(Guid.NewGuid(), $"{_other}:admin", $"{_other}:shop_owner"),
        })
        {
            using var client = App.PlatformClient(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = partnerEmail })).StatusCode);
        }

        using var admin = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = partnerEmail })).StatusCode);
    }

    [Theory]
    [InlineData(null, "email")]
    [InlineData("", "email")]
    [InlineData("not-an-email", "email")]
    public async Task A_lookup_without_a_well_formed_email_is_a_400_on_the_email(string? email, string field)
    {
        using var owner = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:shop_owner"));

        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
    }

    [Fact]
    public async Task A_too_long_email_is_a_400_on_the_email()
    {
        using var owner = App.PlatformClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:shop_owner"));

        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = new string('a', 250) + "@example.org" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("email", Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()).Name);
    }

    [Fact]
    public async Task The_owner_names_a_member_found_by_email_who_then_manages_the_shop_and_one_of_them_leaves()
    {
        // Given a baker's approved shop and her partner, a member of the cooperative
        var baker = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Boulangerie à deux", baker, approve: true);
        var (partnerEmail, partner) = await MemberAsync(_coop, "Paula Partenaire", "shop_owner");
        using var bakerPlatform = App.PlatformClient(MarketplaceApp.Token(baker, $"{_coop}:shop_owner"));
        using var bakerCatalog = App.CatalogClient(MarketplaceApp.Token(baker, $"{_coop}:shop_owner"));
        using var partnerCatalog = App.CatalogClient(MarketplaceApp.Token(partner, $"{_coop}:shop_owner"));
        var details = new
        {
            name = "Boulangerie à deux",
            address = new { line1 = "3 rue Neuve", postcode = "69001", city = "Lyon" },
            openingHours = new[] { new { day = "tuesday", opens = "07:00", closes = "19:00" } },
            fulfilment = new { pickup = true, delivery = false },
            contact = new { email = "deux@example.org" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await partnerCatalog.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", details)).StatusCode);

        // When the baker finds her by e-mail and names her a co-owner (once the Catalog has heard of the membership, ADR 51)
        await App.CatalogKnowsAsync(_coop, partner, isMember: true);
        var found = await (await bakerPlatform.PostAsJsonAsync($"/api/coops/{_coop}/memberships/lookup", new { email = partnerEmail })).Content.ReadFromJsonAsync<JsonElement>();
        var added = await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = found.GetProperty("accountId").GetGuid() });

        // Then both own it, and the partner manages it
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([baker, partner], (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owners").EnumerateArray().Select(o => o.GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await partnerCatalog.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", details)).StatusCode);

        // When the partner removes the baker, and then tries to remove herself, the last owner
        var removed = await partnerCatalog.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{baker}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal([partner], (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owners").EnumerateArray().Select(o => o.GetGuid()));
        var last = await partnerCatalog.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{partner}");

        // Then the shop keeps her: 409 shop.last_owner; the baker no longer manages it, and removing her again is a 404
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Equal("shop.last_owner", (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await bakerCatalog.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", details)).StatusCode);
        var again = await partnerCatalog.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{baker}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("shop.not_an_owner", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var anonymous = App.CatalogClient();
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal([partner], seen.GetProperty("owners").EnumerateArray().Select(o => o.GetGuid()));
    }

    [Fact]
    public async Task Another_cooperatives_admin_and_a_stranger_do_not_remove_an_owner()
    {
        var owner = Guid.NewGuid();
        var partner = await App.MemberAsync(_coop);
        var shop = await App.RegisterShopAsync(_coop, "Fromagerie", owner, approve: true);
        using var ownerCatalog = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:shop_owner"));
        Assert.Equal(HttpStatusCode.OK, (await ownerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = partner })).StatusCode);

        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));
        using var stranger = App.CatalogClient(MarketplaceApp.Token($"{_coop}:shop_owner"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{partner}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{partner}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.DeleteAsync($"/api/coops/{_other}/shops/{shop}/owners/{partner}")).StatusCode);

        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/coops/{_coop}/shops/{shop}/owners/{partner}")).StatusCode);
    }

    [Fact]
    public async Task Only_a_member_of_the_cooperative_is_named_an_owner_and_the_others_get_the_same_422()
    {
        // Given a baker's shop, a member of her cooperative, a member of another one, and an account nobody knows
        var baker = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Épicerie fine", baker, approve: true);
        var (_, member) = await MemberAsync(_coop, "Marie Membre", "customer");
        var (_, elsewhere) = await MemberAsync(_other, "Olga Ailleurs", "shop_owner");
        await App.CatalogKnowsAsync(_coop, member, isMember: true);
        await App.CatalogKnowsAsync(_other, elsewhere, isMember: true);
        using var bakerCatalog = App.CatalogClient(MarketplaceApp.Token(baker, $"{_coop}:shop_owner"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        // When she (or the cooperative's admin) names each of them
        var unknown = await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = Guid.NewGuid() });
        var foreign = await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = elsewhere });
        var foreignByAdmin = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = elsewhere });
        var named = await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = member });

        // Then the member is an owner; the others are refused alike, on the accountId, and the shop keeps its owners
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal([baker, member], (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owners").EnumerateArray().Select(o => o.GetGuid()));
        foreach (var response in new[] { unknown, foreign, foreignByAdmin })
        {
            await AssertNotAMemberAsync(response);
        }

        Assert.Equal(Strip(await unknown.Content.ReadAsStringAsync()), Strip(await foreign.Content.ReadAsStringAsync()));
        using var anonymous = App.CatalogClient();
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal([baker, member], seen.GetProperty("owners").EnumerateArray().Select(o => o.GetGuid()));
    }

    [Fact]
    public async Task A_member_the_admin_removed_is_no_longer_named_an_owner_and_one_added_again_is()
    {
        // Given a member of the cooperative the Catalog knows
        var baker = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Cave à vins", baker, approve: true);
        var (email, leaving) = await MemberAsync(_coop, "Léa Partie", "shop_owner");
        await App.CatalogKnowsAsync(_coop, leaving, isMember: true);
        using var platformAdmin = App.PlatformClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var bakerCatalog = App.CatalogClient(MarketplaceApp.Token(baker, $"{_coop}:shop_owner"));

        // When the admin removes her from the cooperative
        Assert.Equal(HttpStatusCode.NoContent, (await platformAdmin.DeleteAsync($"/api/coops/{_coop}/memberships/{leaving}")).StatusCode);
        await App.CatalogKnowsAsync(_coop, leaving, isMember: false);

        // Then she is not named an owner
        await AssertNotAMemberAsync(await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = leaving }));

        // When the admin gives her a role again, then she is
        Assert.Equal(HttpStatusCode.Created, (await platformAdmin.PostAsJsonAsync($"/api/coops/{_coop}/memberships", new { email, role = "customer" })).StatusCode);
        await App.CatalogKnowsAsync(_coop, leaving, isMember: true);
        Assert.Equal(HttpStatusCode.OK, (await bakerCatalog.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/owners", new { accountId = leaving })).StatusCode);
    }

    [Fact]
    public async Task The_founder_of_a_cooperative_is_its_member_for_the_catalog()
    {
        // The creator's admin membership commits with the onboarding (ADR 10): the Catalog learns it too.
        var founder = await App.SignUpAsync(AccountsApi.NewEmail("founder"), displayName: "Fanny Fondatrice");
        var slug = MarketplaceApp.NewSlug();
        using (var platform = App.PlatformClient(MarketplaceApp.Token(founder)))
        {
            var created = await platform.PostAsJsonAsync("/api/cooperatives", new { slug = slug.Value, name = "Coop " + slug.Value, country = "FR", currency = "EUR", languages = new[] { "fr", "en" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await App.WaitUntilPreparedAsync(slug);
        await App.CatalogKnowsAsync(slug, founder, isMember: true);
    }

    private static async Task AssertNotAMemberAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("shop.owner_not_a_member", problem.GetProperty("code").GetString());
        Assert.Equal("accountId", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
    }

    /// <summary>A signed-up account the cooperative's admin gave that role; returns its e-mail and id.</summary>
    private async Task<(string Email, Guid Id)> MemberAsync(TenantId coop, string displayName, string role)
    {
        var email = AccountsApi.NewEmail("partner");
        var id = await App.SignUpAsync(email, displayName: displayName);
        using var admin = App.PlatformClient(MarketplaceApp.Token($"{coop}:admin"));
        var added = await admin.PostAsJsonAsync($"/api/coops/{coop}/memberships", new { email, role });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (email, id);
    }

    /// <summary>The problem without its trace id, which differs per request.</summary>
    private static string Strip(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);
}
