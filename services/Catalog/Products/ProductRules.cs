using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults;

namespace Marketplace.Catalog.Products;

/// <summary>
/// The rules every product follows, however it arrives (the form, the API, a CSV import): one place, so an
/// import accepts exactly what a shop could type by hand.
/// </summary>
public static class ProductRules
{
    public const string Currency = "EUR";
    public const long MaxPriceMinor = 10_000_000;
    public const int MaxImages = 8;
    public const int MaxStock = 100_000;

    public static IRuleBuilderOptions<T, LocalizedText?> ProductName<T>(this IRuleBuilder<T, LocalizedText?> rule) =>
        rule.NotNull().WithMessage("A product has a name, in French or in English.").WithErrorCode("product.name_required")
            .Must(name => name is null || !name.IsEmpty).WithMessage("A product has a name, in French or in English.").WithErrorCode("product.name_required")
            .Must(name => name is null || (name.Fr?.Length ?? 0) <= 150 && (name.En?.Length ?? 0) <= 150).WithMessage("A name has at most 150 characters.").WithErrorCode("product.name_length");

    public static IRuleBuilderOptions<T, LocalizedText?> ProductDescription<T>(this IRuleBuilder<T, LocalizedText?> rule) =>
        rule.Must(text => text is null || (text.Fr?.Length ?? 0) <= 4000 && (text.En?.Length ?? 0) <= 4000).WithMessage("A description has at most 4000 characters.").WithErrorCode("product.description_length");

    public static IRuleBuilderOptions<T, string?> Sku<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(64).Matches(@"\A[^\s;,]*\z").WithMessage("A reference (SKU) has no spaces, ';' or ','.").WithErrorCode("product.sku_format");

    public static IRuleBuilderOptions<T, string?> Category<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("A product has a category.").WithErrorCode("product.category_required").MaximumLength(60);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ImageUrls<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(urls => urls is null || urls.Count <= MaxImages).WithMessage($"At most {MaxImages} images.").WithErrorCode("product.images_count")
            .Must(urls => urls is null || urls.All(WebAddresses.IsPublic)).WithMessage("An image address is a public http(s) address (no local or private network address).").WithErrorCode("product.image_address");

    public static IRuleBuilderOptions<T, Money?> Price<T>(this IRuleBuilder<T, Money?> rule) =>
        rule.NotNull().WithMessage("A product has a price.").WithErrorCode("product.price_required")
            .Must(price => price is null || price.Value.Minor is >= 0 and <= MaxPriceMinor).WithMessage($"A price is between 0 and {MaxPriceMinor} cents.").WithErrorCode("product.price_range")
            .Must(price => price is null || price.Value.Currency == Currency).WithMessage($"Prices are in {Currency}.").WithErrorCode("product.price_currency");

    public static IRuleBuilderOptions<T, int?> VatRate<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().Must(rate => rate is null || VatRates.All.Contains(rate.Value))
            .WithMessage("French VAT is 2000 (20 %), 1000 (10 %), 550 (5.5 %) or 210 (2.1 %) basis points.").WithErrorCode("product.vat_rate");
}
