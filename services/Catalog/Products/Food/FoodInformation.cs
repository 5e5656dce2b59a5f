using Marketplace.Contracts;

namespace Marketplace.Catalog.Products.Food;

/// <summary>How a product is sold (ADR 41): by the piece, or by weight (a piece of an estimated weight at the listed price).</summary>
public static class SoldBy
{
    public const string Piece = "piece";
    public const string Weight = "weight";

    public static readonly IReadOnlyList<string> All = [Piece, Weight];
}

/// <summary>The units a net quantity is given in, and their base unit (grams or millilitres).</summary>
public static class QuantityUnits
{
    public const string Gram = "g";
    public const string Kilogram = "kg";
    public const string Millilitre = "ml";
    public const string Centilitre = "cl";
    public const string Litre = "l";

    public static readonly IReadOnlyList<string> All = [Gram, Kilogram, Millilitre, Centilitre, Litre];

    /// <summary>A net quantity above 100 kg or 100 l is a typing error, not a product of a local shop.</summary>
    public const long MaxBase = 100_000;

    public static bool IsMass(string unit) => unit is Gram or Kilogram;

    public static int BaseFactor(string unit) => unit switch
    {
        Kilogram or Litre => 1000,
        Centilitre => 10,
        _ => 1,
    };

    /// <summary>The quantity in grams or millilitres, or null when it is not a whole number of them.</summary>
    public static long? ToBase(decimal amount, string unit)
    {
        if (amount is <= 0 or > MaxBase)
        {
            return null; // before multiplying: a hostile amount near decimal.MaxValue must not overflow
        }

        var value = amount * BaseFactor(unit);
        return value == decimal.Truncate(value) && value is > 0 and <= MaxBase ? (long)value : null;
    }
}

/// <summary>The 14 allergens of EU regulation 1169/2011 (INCO), annex II: the codes the API and the filters use.</summary>
public static class Allergens
{
    public static readonly IReadOnlyList<string> All =
    [
        "gluten", "crustaceans", "eggs", "fish", "peanuts", "soybeans", "milk",
        "nuts", "celery", "mustard", "sesame", "sulphites", "lupin", "molluscs",
    ];
}

/// <summary>The labels a product may carry, a fixed list (a free text would be a claim no one checks).</summary>
public static class FoodLabels
{
    public static readonly IReadOnlyList<string> All =
    [
        "bio", "fait-maison", "aop", "igp", "label-rouge", "commerce-equitable", "vegan", "vegetarien", "sans-gluten",
    ];
}

/// <summary>A net quantity as the shop typed it (250 g, 75 cl, 1.5 kg).</summary>
public sealed record NetQuantity(decimal Amount, string Unit)
{
    public long Base => QuantityUnits.ToBase(Amount, Unit) ?? 0;

    public bool IsMass => QuantityUnits.IsMass(Unit);
}

/// <summary>What French law and shoppers expect to know about food: quantity, allergens, labels, origin.</summary>
public sealed record FoodInformation(
    string SoldBy,
    NetQuantity? NetQuantity,
    IReadOnlyList<string> Allergens,
    IReadOnlyList<string> Labels,
    string? Origin)
{
    public bool SameAs(FoodInformation other) =>
        SoldBy == other.SoldBy && NetQuantity == other.NetQuantity && Allergens.SequenceEqual(other.Allergens) &&
        Labels.SequenceEqual(other.Labels) && Origin == other.Origin;
}

/// <summary>The price per kilogram or per litre (prix à l'unité de mesure), in whole cents.</summary>
public sealed record UnitPrice(Money Price, string Per);

public static class UnitPrices
{
    /// <summary>
    /// The price of 1 kg (mass) or 1 l (volume) of a piece of <paramref name="quantity"/> sold at <paramref name="price"/>:
    /// price × 1000 / grams (or millilitres), rounded to the nearest cent, a half cent up (away from zero). Computed in
    /// integers: money is never a floating-point number.
    /// </summary>
    public static UnitPrice? Of(Money price, NetQuantity? quantity)
    {
        if (quantity is null || QuantityUnits.ToBase(quantity.Amount, quantity.Unit) is not { } baseQuantity)
        {
            return null;
        }

        var numerator = checked(price.Minor * 1000);
        var minor = (numerator + (baseQuantity / 2)) / baseQuantity;
        return new UnitPrice(new Money(minor, price.Currency), quantity.IsMass ? QuantityUnits.Kilogram : QuantityUnits.Litre);
    }
}
