using Marketplace.Platform.Notifications;

namespace Marketplace.UnitTests.Platform;

/// <summary>The "back in stock" mail in each language: the product, the shop, the link, and that it is the only one.</summary>
public sealed class StockAlertMailsTests
{
    [Fact]
    public void The_french_mail_names_the_product_and_shop_links_to_it_and_says_it_is_the_only_one()
    {
        var (subject, body) = StockAlertMails.BackInStock("fr", "Camille", "Fromagerie Léa", "Comté 18 mois", "https://web/fr/coops/x/products/1");

        Assert.Equal("« Comté 18 mois » est de retour", subject);
        Assert.StartsWith("Bonjour Camille,", body, StringComparison.Ordinal);
        Assert.Contains("« Comté 18 mois » de Fromagerie Léa est de nouveau disponible", body, StringComparison.Ordinal);
        Assert.Contains("https://web/fr/coops/x/products/1", body, StringComparison.Ordinal);
        Assert.Contains("Nous ne vous écrirons plus à son sujet", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")] // a language we do not write: English
    public void Other_languages_get_the_english_mail(string language)
    {
        var (subject, body) = StockAlertMails.BackInStock(language, "Jo", "Fromagerie Léa", "18-month Comté", "https://web/en/coops/x/products/1");

        Assert.Equal("\"18-month Comté\" is back", subject);
        Assert.Contains("\"18-month Comté\" from Fromagerie Léa is available again", body, StringComparison.Ordinal);
        Assert.Contains("We will not write about it again unless you ask again.", body, StringComparison.Ordinal);
    }
}
