using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Http;

namespace Marketplace.UnitTests.Web;

public class BrowserLanguageTests
{
    [Theory]
    [InlineData("en-US,en;q=0.9", "en-GB")]
    [InlineData("de-DE,en;q=0.8,fr;q=0.5", "en-GB")]
    [InlineData("de-DE,fr;q=0.8,en;q=0.9", "en-GB")]
    [InlineData("fr-CA", "fr-FR")]
    [InlineData("EN", "en-GB")]
    [InlineData("en;q=0,fr;q=0.1", "fr-FR")]
    public async Task The_first_language_we_speak_by_the_browser_s_preference_whatever_its_region(string header, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = header;

        var result = await new BrowserLanguageCultureProvider().DetermineProviderCultureResult(context);

        Assert.Equal(expected, Assert.Single(result!.Cultures).Value);
    }

    [Theory]
    [InlineData("de-DE,it;q=0.8")]
    [InlineData("")]
    public async Task No_language_we_speak_leaves_the_choice_to_the_default(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = header;

        Assert.Null(await new BrowserLanguageCultureProvider().DetermineProviderCultureResult(context));
    }
}
