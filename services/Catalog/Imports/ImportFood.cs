using System.Globalization;
using Marketplace.Catalog.Products.Food;
using Marketplace.Catalog.Products.SettingFoodInformation;

namespace Marketplace.Catalog.Imports;

/// <summary>
/// The food information a row carries (ADR 41): each part null when the file has no such column or the cell is empty,
/// which keeps what the product has, as for every other column. An empty list is written "aucun" / "none".
/// </summary>
public sealed record ImportFood(string? SoldBy, NetQuantity? NetQuantity, IReadOnlyList<string>? Allergens, IReadOnlyList<string>? Labels, string? Origin)
{
    public bool IsEmpty => SoldBy is null && NetQuantity is null && Allergens is null && Labels is null && Origin is null;

    /// <summary>The product's food information with this row's parts over it (a product without any is sold by the piece).</summary>
    public FoodInformation Over(FoodInformation? current) => new(
        SoldBy ?? current?.SoldBy ?? Products.Food.SoldBy.Piece,
        NetQuantity ?? current?.NetQuantity,
        Allergens ?? current?.Allergens ?? [],
        Labels ?? current?.Labels ?? [],
        Origin ?? current?.Origin);
}

/// <summary>
/// Reads the food columns as a shop writes them in French or English: "au poids", "250 g", "1,5 kg", "75 cl",
/// "Gluten, lait, œufs", "Bio / AOP". Allergens and labels become the codes the API uses, in the order of their lists.
/// </summary>
public static class ImportFoodParser
{
    private static readonly Dictionary<string, string> SoldByNames = new(StringComparer.Ordinal)
    {
        ["piece"] = SoldBy.Piece,
        ["a_la_piece"] = SoldBy.Piece,
        ["unite"] = SoldBy.Piece,
        ["a_l_unite"] = SoldBy.Piece,
        ["u"] = SoldBy.Piece,
        ["pc"] = SoldBy.Piece,
        ["each"] = SoldBy.Piece,
        ["unit"] = SoldBy.Piece,
        ["weight"] = SoldBy.Weight,
        ["poids"] = SoldBy.Weight,
        ["au_poids"] = SoldBy.Weight,
        ["kg"] = SoldBy.Weight,
        ["vrac"] = SoldBy.Weight,
        ["en_vrac"] = SoldBy.Weight,
        ["by_weight"] = SoldBy.Weight,
    };

    private static readonly Dictionary<string, string> AllergenNames = Names(Allergens.All, new()
    {
        ["ble"] = "gluten",
        ["crustaces"] = "crustaceans",
        ["oeuf"] = "eggs",
        ["oeufs"] = "eggs",
        ["œuf"] = "eggs",
        ["œufs"] = "eggs",
        ["egg"] = "eggs",
        ["poisson"] = "fish",
        ["poissons"] = "fish",
        ["arachide"] = "peanuts",
        ["arachides"] = "peanuts",
        ["cacahuete"] = "peanuts",
        ["peanut"] = "peanuts",
        ["soja"] = "soybeans",
        ["soy"] = "soybeans",
        ["lait"] = "milk",
        ["lactose"] = "milk",
        ["fruits_a_coque"] = "nuts",
        ["fruit_a_coque"] = "nuts",
        ["noix"] = "nuts",
        ["celeri"] = "celery",
        ["moutarde"] = "mustard",
        ["sesame"] = "sesame",
        ["sulfites"] = "sulphites",
        ["sulfite"] = "sulphites",
        ["anhydride_sulfureux"] = "sulphites",
        ["sulfites_et_anhydride_sulfureux"] = "sulphites",
        ["sulfites_anhydride_sulfureux"] = "sulphites",
        ["mollusques"] = "molluscs",
        ["mollusque"] = "molluscs",
    });

    private static readonly Dictionary<string, string> LabelNames = Names(FoodLabels.All, new()
    {
        ["ab"] = "bio",
        ["agriculture_biologique"] = "bio",
        ["organic"] = "bio",
        ["fait_maison"] = "fait-maison",
        ["homemade"] = "fait-maison",
        ["home_made"] = "fait-maison",
        ["aoc"] = "aop",
        ["pdo"] = "aop",
        ["pgi"] = "igp",
        ["label_rouge"] = "label-rouge",
        ["commerce_equitable"] = "commerce-equitable",
        ["fair_trade"] = "commerce-equitable",
        ["vegetalien"] = "vegan",
        ["vegetarian"] = "vegetarien",
        ["sans_gluten"] = "sans-gluten",
        ["gluten_free"] = "sans-gluten",
    });

    private static readonly HashSet<string> None = new(StringComparer.Ordinal) { "aucun", "aucune", "none", "sans", "non", "no" };

    public static string? SoldByOf(string? raw, List<ImportMessage> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (SoldByNames.TryGetValue(ImportParser.NormalizeHeader(raw), out var soldBy))
        {
            return soldBy;
        }

        errors.Add(ImportMessage.Of("soldBy", "food.sold_by", raw));
        return null;
    }

    /// <summary>"250 g", "250g", "1,5 kg", "75 cl", "1 L" → the quantity as typed; anything else is an error.</summary>
    public static NetQuantity? NetQuantityOf(string? raw, List<ImportMessage> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var text = string.Concat(raw.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var split = text.Length;
        while (split > 0 && char.IsAsciiLetter(text[split - 1]))
        {
            split--;
        }

        var (number, unit) = (text[..split].Replace(',', '.'), text[split..]);
        if (number.Length is > 0 and <= 12 && number.All(c => char.IsAsciiDigit(c) || c == '.') && QuantityUnits.All.Contains(unit) &&
            decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) &&
            QuantityUnits.ToBase(amount, unit) is not null)
        {
            return new NetQuantity(amount, unit);
        }

        errors.Add(ImportMessage.Of("netQuantity", "food.quantity", raw));
        return null;
    }

    public static IReadOnlyList<string>? AllergensOf(string? raw, List<ImportMessage> errors) =>
        CodesOf(raw, AllergenNames, Allergens.All, "allergens", "food.allergen", errors);

    public static IReadOnlyList<string>? LabelsOf(string? raw, List<ImportMessage> errors) =>
        CodesOf(raw, LabelNames, FoodLabels.All, "labels", "food.label", errors);

    public static string? OriginOf(string? raw, List<ImportMessage> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Length > FoodInformationRequestValidator.MaxOriginLength || raw.Any(char.IsControl))
        {
            errors.Add(ImportMessage.Of("origin", "food.origin_length", FoodInformationRequestValidator.MaxOriginLength.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return raw;
    }

    /// <summary>Names separated by "," "/" "|" "+" or ";", each a code or one of its French or English names.</summary>
    private static IReadOnlyList<string>? CodesOf(string? raw, Dictionary<string, string> names, IReadOnlyList<string> order, string field, string code, List<ImportMessage> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var parts = raw.Split([',', '/', '|', '+', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && None.Contains(ImportParser.NormalizeHeader(parts[0])))
        {
            return [];
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!names.TryGetValue(ImportParser.NormalizeHeader(part), out var known))
            {
                errors.Add(ImportMessage.Of(field, code, part.Length <= 40 ? part : part[..40] + "…"));
                return null;
            }

            codes.Add(known);
        }

        return [.. order.Where(codes.Contains)];
    }

    /// <summary>The codes themselves (normalized: "fait-maison" → "fait_maison") and their other names.</summary>
    private static Dictionary<string, string> Names(IReadOnlyList<string> codes, Dictionary<string, string> others)
    {
        var names = new Dictionary<string, string>(others, StringComparer.Ordinal);
        foreach (var code in codes)
        {
            names[ImportParser.NormalizeHeader(code)] = code;
        }

        return names;
    }
}
