using System.Text.Json;
using Marketplace.Contracts;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.UnitTests.Contracts;

public class TenantIdTests
{
    private static readonly string FortyCharacters = "a" + new string('b', 38) + "9";

    [Theory]
    [InlineData("abc")]
    [InlineData("demo-coop")]
    [InlineData("coop-2024")]
    [InlineData("lyon-centre-2")]
    [InlineData("a-b")]
    public void Slug_of_lower_case_letters_digits_and_dashes_is_valid(string slug) =>
        Assert.True(TenantId.IsValid(slug));

    [Theory]
    [InlineData("lyon--centre")]
    [InlineData("lyon-centre-")]
    [InlineData("a--")]
    [InlineData("ab-")]
    [InlineData("a-b--c")]
    public void Slug_with_two_dashes_in_a_row_or_a_dash_at_the_end_is_refused(string slug) =>
        Assert.False(TenantId.IsValid(slug));

    [Theory]
    [InlineData("lyon-centre", true)]
    [InlineData("lyon--centre", false)]
    [InlineData("lyon-centre-", false)]
    [InlineData("ab", false)]
    [InlineData("Lyon", false)]
    public void The_published_pattern_says_what_the_parser_does(string slug, bool valid)
    {
        // The pattern is what clients (and the OpenAPI documents) check before asking: it must agree with the parser.
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(slug, TenantId.Pattern));
        Assert.Equal(valid, TenantId.IsValid(slug));
    }

    [Fact]
    public void Slug_of_forty_characters_is_valid()
    {
        // Given a slug at the maximum length
        Assert.Equal(40, FortyCharacters.Length);

        // Then it is valid
        Assert.True(TenantId.IsValid(FortyCharacters));
    }

    [Fact]
    public void Slug_of_forty_one_characters_is_refused() =>
        Assert.False(TenantId.IsValid(FortyCharacters + "c"));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    public void Slug_shorter_than_three_characters_is_refused(string slug) =>
        Assert.False(TenantId.IsValid(slug));

    [Theory]
    [InlineData("Demo-coop")]
    [InlineData("demo-Coop")]
    [InlineData("DEMO")]
    public void Slug_with_upper_case_is_refused(string slug) =>
        Assert.False(TenantId.IsValid(slug));

    [Theory]
    [InlineData("1coop")]
    [InlineData("-coop")]
    public void Slug_not_starting_with_a_letter_is_refused(string slug) =>
        Assert.False(TenantId.IsValid(slug));

    [Fact]
    public void Slug_with_underscore_is_refused() =>
        Assert.False(TenantId.IsValid("demo_coop"));

    [Theory]
    [InlineData("demo coop")]
    [InlineData("demo.coop")]
    [InlineData("coopé")]
    [InlineData(" demo")]
    public void Slug_with_other_characters_is_refused(string slug) =>
        Assert.False(TenantId.IsValid(slug));

    [Fact]
    public void Slug_with_a_trailing_newline_is_refused() =>
        Assert.False(TenantId.IsValid("demo-coop\n"));

    [Fact]
    public void Null_is_not_a_slug()
    {
        Assert.False(TenantId.IsValid(null));
        Assert.False(TenantId.TryParse(null, out _));
    }

    [Fact]
    public void Parse_keeps_the_slug_as_its_value()
    {
        // When a valid slug is parsed
        var tenant = TenantId.Parse("demo-coop");

        // Then its value and its text are the slug, and equal slugs are equal tenants
        Assert.Equal("demo-coop", tenant.Value);
        Assert.Equal("demo-coop", tenant.ToString());
        Assert.Equal(TenantId.Parse("demo-coop"), tenant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Demo")]
    [InlineData("demo_coop")]
    public void Parse_of_an_invalid_slug_throws_FormatException(string slug) =>
        Assert.Throws<FormatException>(() => TenantId.Parse(slug));

    [Fact]
    public void TryParse_of_a_valid_slug_succeeds()
    {
        // When a valid slug is tried
        var parsed = TenantId.TryParse("demo-coop", out var tenant);

        // Then it succeeds with that tenant
        Assert.True(parsed);
        Assert.Equal("demo-coop", tenant.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Demo")]
    public void TryParse_of_an_invalid_slug_fails_with_no_tenant(string slug)
    {
        // When an invalid slug is tried
        var parsed = TenantId.TryParse(slug, out var tenant);

        // Then it fails and yields the default tenant
        Assert.False(parsed);
        Assert.Equal(default, tenant);
    }

    [Fact]
    public void Tenant_is_written_to_JSON_as_a_plain_string() =>
        Assert.Equal("\"demo-coop\"", JsonSerializer.Serialize(TenantId.Parse("demo-coop")));

    [Fact]
    public void Tenant_is_read_from_JSON_plain_string() =>
        Assert.Equal(TenantId.Parse("demo-coop"), JsonSerializer.Deserialize<TenantId>("\"demo-coop\""));

    [Fact]
    public void Contract_carries_its_tenant_as_a_plain_string_through_JSON()
    {
        // Given a contract of cooperative demo-coop
        var contract = new Contract.ShopRegistered(TenantId.Parse("demo-coop"), Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch);

        // When it makes a round trip through JSON
        var json = JsonSerializer.Serialize(contract);
        var read = JsonSerializer.Deserialize<Contract.ShopRegistered>(json);

        // Then the tenant travels as the slug and comes back equal
        Assert.Contains("\"Tenant\":\"demo-coop\"", json, StringComparison.Ordinal);
        Assert.Equal(contract, read);
    }

    [Theory]
    [InlineData("\"Demo-Coop\"")]
    [InlineData("\"ab\"")]
    [InlineData("\"\"")]
    [InlineData("123")]
    [InlineData("null")]
    public void Invalid_slug_in_JSON_throws_JsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TenantId>(json));
}
