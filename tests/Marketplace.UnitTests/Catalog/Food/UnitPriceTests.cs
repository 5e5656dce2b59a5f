using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Food;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Catalog.Food;

/// <summary>The price per kilogram or litre French law asks for: computed in whole cents, half a cent rounded up.</summary>
public sealed class UnitPriceTests
{
    private static Money Euros(long minor) => new(minor, "EUR");

    [Theory]
    [InlineData(350, "250", "g", 1400, "kg")] // 3,50 € the 250 g: 14,00 € / kg
    [InlineData(1290, "75", "cl", 1720, "l")] // 12,90 € the 75 cl: 17,20 € / l
    [InlineData(899, "1.5", "kg", 599, "kg")] // 5,993… → 5,99
    [InlineData(1000, "330", "ml", 3030, "l")] // 30,303… → 30,30
    [InlineData(1, "2", "kg", 1, "kg")] // exactly half a cent (0,5 c) rounds up
    [InlineData(3, "2", "kg", 2, "kg")] // 1,5 c → 2 c
    [InlineData(1, "3", "kg", 0, "kg")] // 0,33 c → 0 c
    [InlineData(3290, "1", "kg", 3290, "kg")] // the Comté at 32,90 € / kg
    [InlineData(0, "500", "g", 0, "kg")]
    [InlineData(10_000_000, "1", "g", 10_000_000_000, "kg")] // the largest price over the smallest quantity does not overflow
    public void The_unit_price_is_the_price_of_a_kilogram_or_litre_to_the_nearest_cent(long priceMinor, string amount, string unit, long expectedMinor, string per)
    {
        var unitPrice = UnitPrices.Of(Euros(priceMinor), new NetQuantity(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), unit));

        Assert.Equal(new UnitPrice(Euros(expectedMinor), per), unitPrice);
    }

    [Fact]
    public void No_quantity_no_unit_price()
    {
        Assert.Null(UnitPrices.Of(Euros(350), null));
        Assert.Null(UnitPrices.Of(Euros(350), new NetQuantity(0.5m, "g"))); // half a gram is not a whole base unit
    }

    [Theory]
    [InlineData("250", "g", 250L)]
    [InlineData("1.5", "kg", 1500L)]
    [InlineData("75", "cl", 750L)]
    [InlineData("100", "l", 100_000L)]
    [InlineData("100.001", "kg", null)] // absurd: over 100 kg
    [InlineData("0", "g", null)]
    [InlineData("-1", "l", null)]
    [InlineData("0.5", "ml", null)]
    [InlineData("79228162514264337593543950335", "kg", null)] // decimal.MaxValue: refused, never an overflow
    public void Quantities_are_whole_grams_or_millilitres_from_1_to_100_000(string amount, string unit, long? expected) =>
        Assert.Equal(expected, QuantityUnits.ToBase(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), unit));

    [Fact]
    public void Food_information_set_twice_the_same_appends_once_and_a_stream_without_it_still_loads()
    {
        var listed = new ProductListed(
            Guid.NewGuid(), Guid.NewGuid(), "COMTE", new LocalizedText("Comté 18 mois", null), LocalizedText.Empty,
            "Fromagerie", [], Euros(823), 550, null, DateTimeOffset.UnixEpoch);
        var product = EventSourced.Fold<Product>(null, Product.List(listed, 3))!;
        Assert.Null(product.Food);
        var food = new FoodInformation(SoldBy.Weight, new NetQuantity(250, "g"), ["milk"], ["aop"], "Jura, France");

        var first = product.SetFoodInformation(food, null, DateTimeOffset.UnixEpoch);
        var set = Assert.IsType<ProductFoodInformationSet>(Assert.Single(first.Events));
        var after = Product.Fold(product, set)!;
        var again = after.SetFoodInformation(food with { Allergens = ["milk"], Labels = ["aop"] }, null, DateTimeOffset.UnixEpoch);

        Assert.Empty(again.Events);
        Assert.Equal(food, after.Food);
        Assert.Equal(new UnitPrice(Euros(3292), "kg"), ProductResponse.From(after).Food!.UnitPrice);
    }
}
