using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Listing;
using Marketplace.Contracts;
using Marketplace.Hosting;

namespace Marketplace.Catalog.Imports;

/// <summary>
/// Applies the product rules to a parsed row, leaving out the fields whose cell did not even parse (already reported).
/// A failure is stored as the rule's code (<see cref="ErrorCodes"/>), which <see cref="ImportMessages"/> renders in
/// French or English: the same code a product listed by hand answers with.
/// </summary>
internal static class ImportRules
{
    private static readonly NewProductValidator Validator = new(); // exactly the rules of a product listed by hand

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
        var failures = Validator.Validate(candidate).Errors;
        var reported = row.Errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var messages = new List<ImportMessage>();
        foreach (var failure in failures)
        {
            var field = Fields.GetValueOrDefault(failure.PropertyName, failure.PropertyName);
            if (reported.Add(field)) // one message per field: the first rule it breaks
            {
                messages.Add(ImportMessage.Of(field, ErrorCodes.Of(failure)));
            }
        }

        return messages;
    }
}
