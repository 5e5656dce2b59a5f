using Marketplace.Platform.Cooperatives.Onboarding;

namespace Marketplace.UnitTests.Platform;

public class OnboardCooperativeValidatorTests
{
    private static readonly OnboardCooperative Valid = new("demo-coop", "Coopérative de démonstration", "FR", "EUR", ["fr", "en"]);

    private readonly OnboardCooperativeValidator _validator = new();

    public static TheoryData<string[]> InvalidLanguages => [[], ["de"], ["fr", "fr"], ["fr", "FR"]];

    [Fact]
    public void Valid_request_passes()
    {
        // When a complete, well-formed request is validated
        var result = _validator.Validate(Valid);

        // Then it has no error
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void Single_supported_language_passes(string language) =>
        Assert.True(_validator.Validate(Valid with { Languages = [language] }).IsValid);

    [Fact]
    public void Name_of_a_hundred_characters_passes() =>
        Assert.True(_validator.Validate(Valid with { Name = new string('n', 100) }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Demo-coop")]
    [InlineData("1coop")]
    [InlineData("demo_coop")]
    public void Invalid_slug_is_refused(string slug) =>
        AssertRefusedOn(nameof(OnboardCooperative.Slug), Valid with { Slug = slug });

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_name_is_refused(string name) =>
        AssertRefusedOn(nameof(OnboardCooperative.Name), Valid with { Name = name });

    [Fact]
    public void Name_longer_than_a_hundred_characters_is_refused() =>
        AssertRefusedOn(nameof(OnboardCooperative.Name), Valid with { Name = new string('n', 101) });

    [Theory]
    [InlineData("")]
    [InlineData("fr")]
    [InlineData("XX")]
    [InlineData("FRA")]
    public void Country_that_is_not_an_upper_case_ISO_3166_alpha_2_code_is_refused(string country) =>
        AssertRefusedOn(nameof(OnboardCooperative.Country), Valid with { Country = country });

    [Theory]
    [InlineData("")]
    [InlineData("EURO")]
    [InlineData("eur")]
    [InlineData("XYZ")]
    public void Currency_that_is_not_an_ISO_4217_code_is_refused(string currency) =>
        AssertRefusedOn(nameof(OnboardCooperative.Currency), Valid with { Currency = currency });

    [Theory]
    [MemberData(nameof(InvalidLanguages))]
    public void Languages_that_are_empty_unsupported_or_repeated_are_refused(string[] languages) =>
        AssertRefusedOn(nameof(OnboardCooperative.Languages), Valid with { Languages = languages });

    [Fact]
    public void Missing_languages_are_refused() =>
        AssertRefusedOn(nameof(OnboardCooperative.Languages), Valid with { Languages = null! });

    /// <summary>The request is refused with errors on that property, and on no other.</summary>
    private void AssertRefusedOn(string property, OnboardCooperative request)
    {
        // When the request is validated
        var result = _validator.Validate(request);

        // Then it is refused on exactly that property
        Assert.False(result.IsValid);
        Assert.Equal([property], result.Errors.Select(error => error.PropertyName).Distinct());
    }
}
