using System.Globalization;
using Marketplace.Contracts;

namespace Marketplace.Web.Api.Catalog;

// The Catalog's answers and request bodies as the web app reads and writes them (services/Catalog/CONTRACT.md), one
// record per shape for the storefront and the back office alike: each is held against the Catalog's OpenAPI document
// (docs/openapi/catalog.json) by tests/Marketplace.UnitTests/Web/ApiSchemaTests.cs. Statuses are enums read from the
// Catalog's camelCase strings by WireEnumConverter, an unknown one as Unknown.

/// <summary>Text a shop writes in French and/or English; the reader's language first, else the other one.</summary>
public sealed record LocalizedText(string? Fr, string? En)
{
    public string In(CultureInfo culture) =>
        (culture.TwoLetterISOLanguageName == "en" ? Pick(En, Fr) : Pick(Fr, En)) ?? "";

    /// <summary>The language the text is actually in for that culture ("fr"/"en"), for the lang attribute of a fallback.</summary>
    public string? LanguageIn(CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        if (!string.IsNullOrWhiteSpace(english ? En : Fr))
        {
            return english ? "en" : "fr";
        }

        return string.IsNullOrWhiteSpace(english ? Fr : En) ? null : english ? "fr" : "en";
    }

    private static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first;
}

public sealed record ShopAddress(string Line1, string? Line2, string Postcode, string City);

/// <summary>One opening period: day "monday".."sunday", times "HH:mm" (a day may have several).</summary>
public sealed record OpeningPeriod(string Day, string Opens, string Closes);

public sealed record Fulfilment(bool Pickup, bool Delivery, LocalizedText? DeliveryNote);

public sealed record ShopContact(string Email, string? Phone, string? Website);

public enum ShopStatus
{
    Unknown,
    Pending,
    Approved,
    ChangesRequested,
    Refused,
}

/// <summary>What the admin last told the shop's owners (changes asked, or why it is refused), and when (ADR 46).</summary>
public sealed record ShopReviewNote(ShopStatus Status, string Message, DateTimeOffset At);

/// <summary>
/// A shop (GET /api/coops/{coop}/shops, .../shops/mine, .../shops/pending, .../shops/{shop}): customers see the
/// approved ones, its owners and the co-op admins see it pending too.
/// </summary>
public sealed record Shop(
    Guid Id,
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod>? OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact,
    IReadOnlyList<Guid> Owners,
    ShopStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt,
    bool AcceptsOrders,
    Photo? Photo = null,
    IReadOnlyList<ShopClosure>? Closures = null,
    ShopReviewNote? Review = null,
    decimal? Latitude = null,
    decimal? Longitude = null)
{
    public bool IsApproved => Status == ShopStatus.Approved;

    /// <summary>Where it is on a map, when its owners said (ADR 49).</summary>
    public bool IsOnTheMap => Latitude is not null && Longitude is not null;
}

/// <summary>Days the shop is closed whatever its weekly hours (from and to both closed, in the cooperative's time zone), and why.</summary>
public sealed record ShopClosure(DateOnly From, DateOnly To, LocalizedText? Reason);

/// <summary>One closure as PUT .../shops/{shop}/closures takes it.</summary>
public sealed record ShopClosureRequest(DateOnly From, DateOnly To, LocalizedText? Reason);

/// <summary>The body of PUT .../shops/{shop}/closures: the shop's upcoming closures, the whole list.</summary>
public sealed record ShopClosures(IReadOnlyList<ShopClosureRequest> Closures);

/// <summary>The body of register (and update): what a shop says about itself, and where it is on a map (both or neither).</summary>
public sealed record ShopRegistration(
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod> OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact,
    decimal? Latitude = null,
    decimal? Longitude = null);

public enum ProductStatus
{
    Unknown,
    Active,
    Archived,
}

/// <summary>Which of its products a shop's back office lists (the query's status).</summary>
public enum ProductListFilter
{
    Active,
    Archived,
    All,
}

public sealed record ProductStock(int OnHand, int Reserved, int Available);

public sealed record PricePeriod(Money Price, DateTimeOffset From);

/// <summary>
/// A product: on its page for customers (active, its shop approved) and in its shop's back office (any status,
/// with its stock and price history).
/// </summary>
public sealed record Product(
    Guid Id,
    Guid ShopId,
    string? Sku,
    LocalizedText Name,
    LocalizedText? Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    ProductStatus Status,
    ProductStock Stock,
    IReadOnlyList<PricePeriod>? PriceHistory,
    DateTimeOffset ListedAt,
    FoodInformation? Food = null,
    Photo? Photo = null)
{
    public bool IsActive => Status == ProductStatus.Active;
}

/// <summary>A net quantity as the shop gave it: 250 g, 75 cl, 1.5 kg.</summary>
public sealed record NetQuantity(decimal Amount, string Unit);

/// <summary>The price of a kilogram or a litre (per "kg" or "l"), computed by the Catalog in whole cents.</summary>
public sealed record UnitPrice(Money Price, string Per);

/// <summary>A product's food information (ADR 41): codes, translated by the pages.</summary>
public sealed record FoodInformation(
    string SoldBy,
    NetQuantity? NetQuantity,
    UnitPrice? UnitPrice,
    IReadOnlyList<string> Allergens,
    IReadOnlyList<string> Labels,
    string? Origin)
{
    public bool ByWeight => SoldBy == "weight";
}

/// <summary>What a shop sets: the whole food information at once.</summary>
/// <summary>A net quantity as sent: the amount typed and its unit.</summary>
public sealed record NetQuantityRequest(decimal Amount, string Unit);

public sealed record FoodInformationRequest(string SoldBy, NetQuantityRequest? NetQuantity, IReadOnlyList<string> Allergens, IReadOnlyList<string> Labels, string? Origin);

/// <summary>The fixed lists of the Catalog (ADR 41), in their order.</summary>
public static class FoodCodes
{
    public static readonly IReadOnlyList<string> Allergens =
    [
        "gluten", "crustaceans", "eggs", "fish", "peanuts", "soybeans", "milk",
        "nuts", "celery", "mustard", "sesame", "sulphites", "lupin", "molluscs",
    ];

    public static readonly IReadOnlyList<string> Labels =
    [
        "bio", "fait-maison", "aop", "igp", "label-rouge", "commerce-equitable", "vegan", "vegetarien", "sans-gluten",
    ];

    public static readonly IReadOnlyList<string> Units = ["g", "kg", "ml", "cl", "l"];
}

public sealed record NewProduct(
    string? Sku,
    LocalizedText Name,
    LocalizedText? Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    int? InitialStock);

public sealed record ProductDetails(string? Sku, LocalizedText Name, LocalizedText? Description, string Category, IReadOnlyList<string> ImageUrls, int VatRate);

/// <summary>Quantity is the signed change; reason "restock" (&gt; 0), "sale-in-shop" (&lt; 0) or "correction".</summary>
public sealed record StockAdjustment(int Quantity, string Reason, string? Note);

/// <summary>OnHand is the number the shop counted on its shelf; the Catalog records the difference as a "count" adjustment.</summary>
public sealed record StockCount(int OnHand, string? Note);

/// <summary>One search result.</summary>
public sealed record ProductHit(
    Guid Id,
    Guid ShopId,
    string ShopName,
    LocalizedText Name,
    LocalizedText? Description,
    string Category,
    Money Price,
    int VatRate,
    string? ImageUrl,
    int Available,
    IReadOnlyList<string>? Labels = null,
    Photo? Photo = null);

/// <summary>An uploaded photo's sizes (smallest first; Url, Width and Height: the largest), served by the web app under the same addresses.</summary>
public sealed record Photo(string Version, string Url, int Width, int Height, IReadOnlyList<PhotoSize> Sizes)
{
    /// <summary>The img's srcset: every size with its width.</summary>
    public string SrcSet => string.Join(", ", Sizes.Select(s => $"{s.Url} {s.Width}w"));

    /// <summary>The smallest size at least this wide (else the largest): the img's src.</summary>
    public PhotoSize Fit(int width) => Sizes.FirstOrDefault(s => s.Width >= width) ?? Sizes[^1];
}

public sealed record PhotoSize(string Url, int Width, int Height);

public sealed record SearchResults(IReadOnlyList<ProductHit> Items, int Page, int PageSize, long Total);

/// <summary>A storefront category: Name is what the search filter takes; Names, for a category of the cooperative's list, how to show it.</summary>
public sealed record Category(string Name, long Count, string? Key = null, LocalizedText? Names = null)
{
    public string Label(CultureInfo culture) => Names?.In(culture) is { Length: > 0 } name ? name : Name;
}

/// <summary>A category of the cooperative's list, named in French and English; products store its key.</summary>
public sealed record ProductCategory(string Key, LocalizedText Name, int Position);

public sealed record ProductCategoryRequest(LocalizedText Name);

public sealed record ProductCategoryPosition(int Position);

/// <summary>The cooperative's category list as the pages use it: a product's stored category shown in the page's language.</summary>
public sealed class CategoryNames(IReadOnlyList<ProductCategory> list)
{
    public static readonly CategoryNames None = new([]);

    public IReadOnlyList<ProductCategory> List => list;

    /// <summary>The category a stored value names (its key, or either name typed before the list), if in the list.</summary>
    public ProductCategory? Find(string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return null;
        }

        var folded = Fold(category);
        return list.FirstOrDefault(c => c.Key == category.Trim()) ?? list.FirstOrDefault(c => Fold(c.Name.Fr ?? "") == folded || Fold(c.Name.En ?? "") == folded);
    }

    /// <summary>The category's name in the page's language when it is in the list; else the text as typed.</summary>
    public string Label(string? category, CultureInfo culture) => Find(category)?.Name.In(culture) ?? category ?? "";

    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]).Normalize(System.Text.NormalizationForm.FormC);
    }
}

/// <summary>What the search page asks: every filter is optional.</summary>
public sealed record ProductQuery(string? Q, string? Category, Guid? Shop, bool InStock, string? Sort, int Page, int PageSize)
{
    /// <summary>Label codes a product carries, all of them.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Allergen codes a product is declared without.</summary>
    public IReadOnlyList<string> Without { get; init; } = [];
}

/// <summary>The shop's answer, signed with the shop's name (as it was when it answered).</summary>
public sealed record Answer(string Text, DateTimeOffset AnsweredAt, DateTimeOffset? EditedAt, string ShopName);

/// <summary>A customer's question on a product (never who asked it) and, once the shop answered, its answer.</summary>
/// <summary>Whether the signed-in customer asked to be told when the product is back in stock.</summary>
public sealed record StockAlert(Guid ProductId, bool Requested, DateTimeOffset? RequestedAt);

public sealed record Question(Guid Id, Guid ProductId, string Text, DateTimeOffset AskedAt, Answer? Answer, bool Private);

/// <summary>Which of its questions a shop lists: all, or the ones waiting for an answer.</summary>
public enum QuestionFilter
{
    All,
    Unanswered,
}

/// <summary>What committing a row of an import would do to the shop's catalog.</summary>
public enum ImportAction
{
    Unknown,
    List,
    Change,
    Unchanged,
}

/// <summary>One row of an uploaded file: its values as read (null where they did not parse), what committing would do, or why it cannot.</summary>
public sealed record ImportRow(
    int Line,
    string? Sku,
    LocalizedText? Name,
    string? Category,
    Money? Price,
    int? VatRate,
    int? Stock,
    ImportAction? Action,
    bool Reactivates,
    IReadOnlyList<ImportError>? Errors,
    ImportBefore? Before = null)
{
    public bool HasErrors => Errors is { Count: > 0 };
}

/// <summary>What the product named by a row has before the import (none for a new product): shown as old → new.</summary>
public sealed record ImportBefore(LocalizedText? Name, string? Category, Money? Price, int VatRate, int OnHand, bool IsActive);

/// <summary>A problem of the file or of a row, worded by the Catalog in the language the request asked for.</summary>
public sealed record ImportError(string? Field, string? Code, string Message);

public sealed record ImportCounts(int Rows, int Valid, int Errors, int List, int Change, int Unchanged);

/// <summary>A column of a kept file: its header name, its value on the first row, and the field it is read as ("ignore" for none).</summary>
public sealed record KeptColumn(string Name, string? Example, string Field);

public sealed record KeptImportFile(Guid Id, string? FileName, IReadOnlyList<KeptColumn> Columns, int? VatRate, IReadOnlyList<string> Fields, DateTimeOffset ExpiresAt);

/// <summary>The shop's column mapping: header name → field or "ignore"; <c>VatRate</c> (basis points) for a file without a VAT column.</summary>
public sealed record ImportMapping(IReadOnlyDictionary<string, string> Columns, int? VatRate);

public sealed record ImportResult(int Listed, int Changed, int Unchanged, int Skipped = 0, IReadOnlyList<int>? SkippedLines = null);

public enum ImportStatus
{
    Unknown,
    Previewed,
    Committed,
}

/// <summary>What an uploaded file would do, row by row, before anything is committed; once committed, its result.</summary>
public sealed record ImportPreview(
    Guid Id,
    string? FileName,
    string? Encoding,
    IReadOnlyList<string>? IgnoredColumns,
    IReadOnlyList<ImportRow> Rows,
    ImportCounts? Counts,
    bool CanCommit,
    ImportStatus Status,
    ImportResult? Result)
{
    public bool IsCommitted => Status == ImportStatus.Committed;
}
