using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>
/// Input found from outside to answer 500: each is bad input, so a 4xx ProblemDetails that changes nothing. The
/// cases stand for their class (any string, any query parameter, any id in a route, any list of objects, any upload).
/// </summary>
public sealed class HostileInputTests : MarketplaceTest
{
    private const string ZeroGuid = "00000000-0000-0000-0000-000000000000";
    private TenantId _coop;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _shop = await App.RegisterShopAsync(_coop, "Épicerie du quai", approve: true);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("address.city")]
    [InlineData("contact.email")]
    public async Task A_nul_character_in_any_string_of_a_body_is_a_field_error(string field)
    {
        using var member = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:member"));
        var body = ShopJson(name: field == "name" ? "Bou\\u0000langerie" : "Boulangerie", city: field == "address.city" ? "Ly\\u0000on" : "Lyon",
            email: field == "contact.email" ? "a\\u0000b@example.fr" : "boulangerie@example.fr");

        var response = await member.PostAsync($"/api/coops/{_coop}/shops", Json(body));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        using var mine = await member.GetAsync($"/api/coops/{_coop}/shops?owner=me");
        Assert.Equal("[]", await mine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_nul_character_in_an_anonymous_body_is_a_field_error()
    {
        using var anonymous = App.PlatformClient();

        var response = await anonymous.PostAsync("/api/accounts/password-reset", Json("""{"email":"a\u0000b"}"""));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _), problem.ToString());
    }

    [Fact]
    public async Task A_json_body_over_one_megabyte_is_too_large_and_creates_nothing()
    {
        using var anonymous = App.PlatformClient();
        var email = $"big-{Guid.NewGuid():N}@example.org";
        var body = $$"""{"email":"{{email}}","password":"correct horse battery","displayName":"{{new string('a', 2 * 1024 * 1024)}}","language":"fr"}""";

        var response = await anonymous.PostAsync("/api/accounts", Json(body));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("input.too_large", problem.GetProperty("code").GetString());
        var again = await anonymous.PostAsync("/api/accounts", Json($$"""{"email":"{{email}}","password":"correct horse battery","displayName":"Ana","language":"fr"}"""));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode); // the address was not taken by the refused request
    }

    [Theory]
    [InlineData("ebcdic")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task A_json_body_in_another_charset_than_utf8_is_unsupported_and_creates_nothing(string charset)
    {
        using var member = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:member"));
        var body = Json(ShopJson(name: "Boulangerie", city: "Lyon", email: "boulangerie@example.fr"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        var response = await member.PostAsync($"/api/coops/{_coop}/shops", body);

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("input.unsupported_charset", problem.GetProperty("code").GetString());
        using var mine = await member.GetAsync($"/api/coops/{_coop}/shops?owner=me");
        Assert.Equal("[]", await mine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_nul_character_in_a_query_parameter_is_a_field_error()
    {
        using var anonymous = App.CatalogClient();

        var response = await anonymous.GetAsync($"/api/coops/{_coop}/products?q=p%00tes");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
    }

    [Theory]
    [InlineData("shops/{zero}/approve")]
    [InlineData("shops/{shop}/products/{zero}/archive")]
    [InlineData("shops/{shop}/products/{zero}/reactivate")]
    [InlineData("reservations/{zero}/release")]
    public async Task The_all_zero_id_is_an_unknown_one(string path)
    {
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        var response = await admin.PostAsync($"/api/coops/{_coop}/" + path.Replace("{zero}", ZeroGuid, StringComparison.Ordinal).Replace("{shop}", _shop.ToString(), StringComparison.Ordinal), null);

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_null_line_in_a_checkout_is_a_field_error()
    {
        using var customer = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));

        var response = await customer.PostAsync($"/api/coops/{_coop}/reservations", Json($$"""{"reservationId":"{{Guid.NewGuid()}}","lines":[null]}"""));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[0]", out _), problem.ToString());
    }

    [Fact]
    public async Task An_upload_whose_boundary_does_not_match_is_refused()
    {
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\nname\r\n--other--\r\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=expected");

        var response = await admin.PostAsync($"/api/coops/{_coop}/shops/{_shop}/imports", content);

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static string ShopJson(string name, string city, string email) => $$$"""
        {"name":"{{{name}}}","address":{"line1":"1 quai Rambaud","postcode":"69002","city":"{{{city}}}"},
         "openingHours":[{"day":"monday","opens":"07:00","closes":"19:00"}],"fulfilment":{"pickup":true,"delivery":false},
         "contact":{"email":"{{{email}}}"}}
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} instead of {(int)expected}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
