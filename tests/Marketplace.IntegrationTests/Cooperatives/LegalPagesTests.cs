using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Cooperatives;

/// <summary>
/// Issue 14 point 7 (ADR 47): a cooperative's admins write its legal notice, terms of sale and privacy notice in French
/// and/or English; anyone reads them; nobody else writes them, not even another cooperative's admin.
/// </summary>
public sealed class LegalPagesTests : MarketplaceTest
{
    [Fact]
    public async Task An_admin_writes_the_legal_notice_in_French_and_anyone_reads_it_until_it_is_rewritten()
    {
        // Given a cooperative whose legal notice is not written yet
        var slug = await App.OnboardAsync();
        using var anyone = App.PlatformClient();
        using var admin = App.PlatformClient(MarketplaceApp.Token($"{slug}:admin"));
        var missing = await anyone.GetAsync($"/api/cooperatives/{slug}/legal/notice");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("legal.not_written", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // When its admin writes it in French only (Windows line breaks, blank English)
        var written = await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/notice", new { fr = "  Éditeur : Commerçants de Lyon\r\n\r\nHébergeur : <b>OVH</b>  ", en = " " });

        // Then anyone reads it as written, French only, the HTML-looking text kept as text
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var page = await anyone.GetFromJsonAsync<JsonElement>($"/api/cooperatives/{slug}/legal/notice");
        Assert.Equal("notice", page.GetProperty("page").GetString());
        Assert.Equal("Éditeur : Commerçants de Lyon\n\nHébergeur : <b>OVH</b>", page.GetProperty("text").GetProperty("fr").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("text").GetProperty("en").ValueKind);

        // And the other pages are still not written
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/cooperatives/{slug}/legal/terms")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/cooperatives/{slug}/legal/privacy")).StatusCode);

        // And when rewritten in both languages, the new text replaces the old one
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/notice", new { fr = "Nouveau", en = "New" })).StatusCode);
        var rewritten = await anyone.GetFromJsonAsync<JsonElement>($"/api/cooperatives/{slug}/legal/notice");
        Assert.Equal("Nouveau", rewritten.GetProperty("text").GetProperty("fr").GetString());
        Assert.Equal("New", rewritten.GetProperty("text").GetProperty("en").GetString());
    }

    [Fact]
    public async Task Bad_texts_are_refused_field_by_field_with_their_codes_and_change_nothing()
    {
        var slug = await App.OnboardAsync();
        using var admin = App.PlatformClient(MarketplaceApp.Token($"{slug}:admin"));

        // Nothing in either language
        var empty = await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/terms", new { fr = " ", en = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["legal.text_required"], Codes(await empty.Content.ReadFromJsonAsync<JsonElement>(), "fr"));

        // Too long in English, a control character in French
        var bad = await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/terms", new { fr = "Conditions\u0007", en = new string('a', 20_001) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["legal.control_character"], Codes(problem, "fr"));
        Assert.Equal(["legal.too_long"], Codes(problem, "en"));

        // 20,000 characters is allowed
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/terms", new { en = new string('a', 20_000) })).StatusCode);
    }

    [Fact]
    public async Task Unknown_pages_and_cooperatives_are_404()
    {
        var slug = await App.OnboardAsync();
        using var anyone = App.PlatformClient();
        using var admin = App.PlatformClient(MarketplaceApp.Token($"{slug}:admin"));
        var unknown = MarketplaceApp.NewSlug();
        using var adminOfUnknown = App.PlatformClient(MarketplaceApp.Token($"{unknown}:admin"));

        var page = await anyone.GetAsync($"/api/cooperatives/{slug}/legal/cookies");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("legal.unknown_page", (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/cookies", new { fr = "Texte" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/cooperatives/{unknown}/legal/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfUnknown.PutAsJsonAsync($"/api/cooperatives/{unknown}/legal/notice", new { fr = "Texte" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_cooperatives_own_admins_write_its_legal_pages()
    {
        // Given a cooperative and another one
        var slug = await App.OnboardAsync();
        var other = await App.OnboardAsync();
        var body = new { fr = "Texte d'un intrus" };

        // Then anonymous callers must sign in, and its members, shop owners and customers, and the other's admin, are refused
        using (var anonymous = App.PlatformClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/notice", body)).StatusCode);
        }

        foreach (var role in new[] { $"{slug}:member", $"{slug}:shop_owner", $"{slug}:customer", $"{other}:admin" })
        {
            using var caller = App.PlatformClient(MarketplaceApp.Token(role));
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync($"/api/cooperatives/{slug}/legal/notice", body)).StatusCode);
        }

        // And nothing was written
        using var anyone = App.PlatformClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/cooperatives/{slug}/legal/notice")).StatusCode);
    }

    private static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(c => c.GetString() ?? "")];
}
