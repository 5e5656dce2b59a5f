using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Pages.Shops;

namespace Marketplace.UnitTests.Web;

/// <summary>The back office reads prices as people type them and shows them in the user's culture, in the shop's currency.</summary>
public class ShopFormatTests
{
    [Theory]
    [InlineData("12,50", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("12", 1200)]
    [InlineData(" 4,2 ", 420)]
    [InlineData("1 234,50", 123450)]
    [InlineData("1\u202F234,50 €", 123450)]
    [InlineData("1,234.50", 123450)]
    [InlineData("1.234,50", 123450)]
    [InlineData("0", 0)]
    public void Typed_prices_become_minor_units_whatever_the_decimal_mark(string typed, long minor) =>
        Assert.Equal(minor, ShopFormat.ParseMinor(typed));

    [Theory]
    [InlineData("")]
    [InlineData("douze")]
    [InlineData("12,505")]
    [InlineData("-3")]
    public void What_is_not_an_amount_with_two_decimals_at_most_is_refused(string typed) =>
        Assert.Null(ShopFormat.ParseMinor(typed));

    [Fact]
    public void Euros_show_with_the_euro_sign_in_french_and_in_british_english()
    {
        var price = new Money(123450, "EUR");

        Assert.Equal(1234.50m.ToString("C", CultureInfo.GetCultureInfo("fr-FR")), ShopFormat.Price(price, CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal("€1,234.50", ShopFormat.Price(price, CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void Vat_rates_show_as_percentages_in_the_users_convention()
    {
        Assert.Equal("5,5 %", ShopFormat.Vat(550, CultureInfo.GetCultureInfo("fr-FR")).Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Equal("5.5%", ShopFormat.Vat(550, CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("20%", ShopFormat.Vat(2000, CultureInfo.GetCultureInfo("en-GB")));
    }
}
