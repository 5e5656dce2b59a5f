using Marketplace.Web.Pages;

namespace Marketplace.UnitTests.Web;

public class LanguageSwitchTests
{
    [Theory]
    [InlineData("/fr/coops/lyon/products?q=pain", "en", "/en/coops/lyon/products?q=pain")]
    [InlineData("/en/coops/lyon", "fr", "/fr/coops/lyon")]
    [InlineData("/fr", "en", "/en")]
    [InlineData("/fr?x=1", "en", "/en?x=1")]
    [InlineData("/fr/coops/lyon", "fr", "/fr/coops/lyon")]
    [InlineData("/sign-in?returnUrl=%2Ffr%2Fcoops%2Flyon", "en", "/sign-in?returnUrl=%2Ffr%2Fcoops%2Flyon")]
    [InlineData("/", "en", "/")]
    [InlineData("/french/page", "en", "/french/page")]
    [InlineData("/frites", "en", "/frites")]
    public void The_switch_goes_back_to_the_same_page_in_the_chosen_language(string address, string language, string expected) =>
        Assert.Equal(expected, LanguageModel.InLanguage(address, language));
}
