using Marketplace.Web.Localization;

namespace Marketplace.UnitTests.Web;

public class ElisionTests
{
    [Theory]
    [InlineData("Épicerie des Terreaux", "Les produits d'Épicerie des Terreaux")]
    [InlineData("Atelier Paul", "Les produits d'Atelier Paul")]
    [InlineData("Herboristerie Lou", "Les produits d'Herboristerie Lou")]
    [InlineData("Œufs & Cie", "Les produits d'Œufs & Cie")]
    [InlineData("Yves Client", "Les produits d'Yves Client")]
    [InlineData("Yannick Primeur", "Les produits de Yannick Primeur")]
    [InlineData("Boulangerie Bruno", "Les produits de Boulangerie Bruno")]
    [InlineData("3 Frères", "Les produits de 3 Frères")]
    public void French_de_elides_before_a_name_that_starts_with_a_vowel_or_h(string name, string expected) =>
        Assert.Equal(expected, Elision.Format(Cultures.French, "Les produits de {0}", name));

    [Fact]
    public void A_month_elides_too_and_a_sentence_that_starts_with_de_keeps_its_capital()
    {
        Assert.Equal("Relevé d'avril 2026", Elision.Format(Cultures.French, "Relevé de {0}", "avril 2026"));
        Assert.Equal("Relevé de mai 2026", Elision.Format(Cultures.French, "Relevé de {0}", "mai 2026"));
        Assert.Equal("D'Anne : commande prête", Elision.Format(Cultures.French, "De {0} : commande prête", "Anne"));
    }

    [Fact]
    public void Only_the_names_put_in_elide_and_english_is_left_as_formatted()
    {
        // "place de marché" is the resource's own text and "de Anne" is not: only "de {0}" where {0} is Anne changes
        Assert.Equal("La place de marché d'Anne", Elision.Format(Cultures.French, "La place de marché de {0}", "Anne"));
        Assert.Equal("Products of Épicerie des Terreaux", Elision.Format(Cultures.English, "Products of {0}", "Épicerie des Terreaux"));
        Assert.Equal("Quantity de Anne", Elision.Format(Cultures.English, "Quantity de {0}", "Anne"));
    }
}
