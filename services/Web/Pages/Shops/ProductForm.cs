using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;

namespace Marketplace.Web.Pages.Shops;

/// <summary>A product's details as the add and edit forms show them: both languages side by side, the price as typed.</summary>
public sealed class ProductForm
{
    public string? Sku { get; set; }

    public string? NameFr { get; set; }

    public string? NameEn { get; set; }

    public string? DescriptionFr { get; set; }

    public string? DescriptionEn { get; set; }

    public string? Category { get; set; }

    /// <summary>One address per line.</summary>
    public string? ImageUrls { get; set; }

    public string? Price { get; set; }

    public int VatRate { get; set; } = 2000;

    public int? InitialStock { get; set; }

    public static ProductForm From(Product product, CultureInfo culture) => new()
    {
        Sku = product.Sku,
        NameFr = product.Name.Fr,
        NameEn = product.Name.En,
        DescriptionFr = product.Description?.Fr,
        DescriptionEn = product.Description?.En,
        Category = product.Category,
        ImageUrls = string.Join('\n', product.ImageUrls),
        Price = ShopFormat.Amount(product.Price, culture),
        VatRate = product.VatRate,
    };

    public LocalizedText NameText => new(Clean(NameFr), Clean(NameEn));

    public LocalizedText? DescriptionText => Clean(DescriptionFr) is null && Clean(DescriptionEn) is null ? null : new LocalizedText(Clean(DescriptionFr), Clean(DescriptionEn));

    public IReadOnlyList<string> ImageList =>
        [.. (ImageUrls ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public NewProduct ToNewProduct(long priceMinor, string currency) =>
        new(Clean(Sku), NameText, DescriptionText, Category?.Trim() ?? "", ImageList, new Money(priceMinor, currency), VatRate, InitialStock);

    public ProductDetails ToDetails() => new(Clean(Sku), NameText, DescriptionText, Category?.Trim() ?? "", ImageList, VatRate);

    /// <summary>The API's error keys → the form's fields (prefix: the bound property's name).</summary>
    public static Dictionary<string, string> ErrorFields(string prefix)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["sku"] = $"{prefix}.Sku",
            ["name"] = $"{prefix}.NameFr",
            ["name.fr"] = $"{prefix}.NameFr",
            ["name.en"] = $"{prefix}.NameEn",
            ["description.fr"] = $"{prefix}.DescriptionFr",
            ["description.en"] = $"{prefix}.DescriptionEn",
            ["category"] = $"{prefix}.Category",
            ["imageUrls"] = $"{prefix}.ImageUrls",
            ["price"] = $"{prefix}.Price",
            ["price.minor"] = $"{prefix}.Price",
            ["price.currency"] = $"{prefix}.Price",
            ["vatRate"] = $"{prefix}.VatRate",
            ["initialStock"] = $"{prefix}.InitialStock",
        };
        for (var i = 0; i < 8; i++)
        {
            fields[$"imageUrls[{i}]"] = $"{prefix}.ImageUrls";
        }

        return fields;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
