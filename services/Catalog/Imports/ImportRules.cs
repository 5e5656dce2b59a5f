using System.Globalization;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Listing;
using Marketplace.Contracts;

namespace Marketplace.Catalog.Imports;

/// <summary>
/// Applies the product rules to a parsed row, leaving out the fields whose cell did not even parse (already reported).
/// The rules speak English; a failure is stored with both texts (code "product.rule", args [fr, en]): the French one
/// from <see cref="French"/>, or FluentValidation's own French for its built-in messages.
/// </summary>
internal static class ImportRules
{
    private static readonly NewProductValidator Validator = new(); // exactly the rules of a product listed by hand
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase) // "ImageUrls" or "imageUrls", whatever name resolver is set
    {
        [nameof(NewProduct.Sku)] = "sku",
        [nameof(NewProduct.Name)] = "name",
        [nameof(NewProduct.Description)] = "description",
        [nameof(NewProduct.Category)] = "category",
        [nameof(NewProduct.ImageUrls)] = "imageUrl",
        [nameof(NewProduct.Price)] = "price",
        [nameof(NewProduct.VatRate)] = "vatRate",
        [nameof(NewProduct.InitialStock)] = "stock",
    };

    /// <summary>The French of <see cref="ProductRules"/>' own messages.</summary>
    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["A product has a name, in French or in English."] = "Un produit a un nom, en français ou en anglais.",
        ["A name has at most 150 characters."] = "Un nom a au plus 150 caractères.",
        ["A description has at most 4000 characters."] = "Une description a au plus 4000 caractères.",
        ["A reference (SKU) has no spaces, ';' or ','."] = "Une référence (SKU) n'a ni espace, ni « ; », ni « , ».",
        ["A product has a category."] = "Un produit a une catégorie.",
        [$"At most {ProductRules.MaxImages} images."] = $"Au plus {ProductRules.MaxImages} images.",
        ["An image address is a public http(s) address (no local or private network address)."] = "Une adresse d'image est une adresse http(s) publique (pas d'adresse locale ni de réseau privé).",
        ["A product has a price."] = "Un produit a un prix.",
        [$"A price is between 0 and {ProductRules.MaxPriceMinor} cents."] = $"Un prix est compris entre 0 et {ProductRules.MaxPriceMinor / 100} €.",
        [$"Prices are in {ProductRules.Currency}."] = $"Les prix sont en {ProductRules.Currency}.",
        ["French VAT is 2000 (20 %), 1000 (10 %), 550 (5.5 %) or 210 (2.1 %) basis points."] = "La TVA française est de 20 %, 10 %, 5,5 % ou 2,1 %.",
    };

    /// <summary>The English texts shown to shops where the rules' wording is about the API rather than the file.</summary>
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        [$"A price is between 0 and {ProductRules.MaxPriceMinor} cents."] = $"A price is between 0 and {ProductRules.MaxPriceMinor / 100} €.",
        ["French VAT is 2000 (20 %), 1000 (10 %), 550 (5.5 %) or 210 (2.1 %) basis points."] = "French VAT is 20 %, 10 %, 5.5 % or 2.1 %.",
    };

    public static IReadOnlyList<ImportMessage> Check(ParsedRow row)
    {
        var candidate = new NewProduct(
            row.Sku.Length == 0 ? null : row.Sku,
            new LocalizedText(row.NameFr, row.NameEn),
            new LocalizedText(row.DescriptionFr, row.DescriptionEn),
            row.Category,
            row.ImageUrl is { } url ? [url] : [],
            row.PriceMinor is { } minor ? new Money(minor, ProductRules.Currency) : null,
            row.VatRate,
            row.Stock);
        var english = ValidateIn(EnglishCulture, candidate);
        if (english.Count == 0)
        {
            return [];
        }

        var french = ValidateIn(FrenchCulture, candidate);
        var reported = row.Errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var messages = new List<ImportMessage>();
        for (var i = 0; i < english.Count; i++)
        {
            var field = Fields.GetValueOrDefault(english[i].PropertyName, english[i].PropertyName);
            if (reported.Add(field)) // one message per field: the first rule it breaks
            {
                var en = english[i].ErrorMessage;
                var fr = i < french.Count ? french[i].ErrorMessage : en;
                messages.Add(ImportMessage.Of(field, "product.rule", French.GetValueOrDefault(fr, fr), English.GetValueOrDefault(en, en)));
            }
        }

        return messages;
    }

    /// <summary>FluentValidation picks the language of its built-in messages from the current UI culture.</summary>
    private static List<FluentValidation.Results.ValidationFailure> ValidateIn(CultureInfo culture, NewProduct candidate)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return Validator.Validate(candidate).Errors;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
