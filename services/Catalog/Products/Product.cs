using Marketplace.Catalog.Common;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;

namespace Marketplace.Catalog.Products;

public sealed record ProductListed(
    Guid ProductId,
    Guid ShopId,
    string? Sku,
    LocalizedText Name,
    LocalizedText Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    Guid? By,
    DateTimeOffset At);

public sealed record ProductDetailsChanged(
    Guid ProductId,
    string? Sku,
    LocalizedText Name,
    LocalizedText Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    int VatRate,
    DateTimeOffset At);

public sealed record ProductPriceChanged(Guid ProductId, Guid ShopId, Money Previous, Money Price, Guid? By, DateTimeOffset At);

public sealed record ProductArchived(Guid ProductId, DateTimeOffset At);

public sealed record ProductReactivated(Guid ProductId, DateTimeOffset At);

public static class ProductStatus
{
    public const string Active = "active";
    public const string Archived = "archived";
}

/// <summary>French VAT rates in basis points.</summary>
public static class VatRates
{
    public static readonly IReadOnlyList<int> All = [2000, 1000, 550, 210];
}

public sealed record PricePeriod(Money Price, DateTimeOffset From);

/// <summary>
/// A product of a shop, event-sourced with its stock in the same stream (one lock serialises every
/// reservation of a product); the snapshot is kept inline for reads.
/// </summary>
public sealed record Product(
    Guid Id,
    Guid ShopId,
    string? Sku,
    LocalizedText Name,
    LocalizedText Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    string Status,
    StockLevel Stock,
    IReadOnlyList<PricePeriod> PriceHistory,
    DateTimeOffset ListedAt)
{
    public bool IsActive => Status == ProductStatus.Active;

    public static Product Create(ProductListed listed) => new(
        listed.ProductId,
        listed.ShopId,
        listed.Sku,
        listed.Name,
        listed.Description,
        listed.Category,
        listed.ImageUrls,
        listed.Price,
        listed.VatRate,
        ProductStatus.Active,
        StockLevel.Empty,
        [new PricePeriod(listed.Price, listed.At)],
        listed.At);

    public Product Apply(ProductDetailsChanged changed) => this with
    {
        Sku = changed.Sku,
        Name = changed.Name,
        Description = changed.Description,
        Category = changed.Category,
        ImageUrls = changed.ImageUrls,
        VatRate = changed.VatRate,
    };

    public Product Apply(ProductPriceChanged changed) => this with
    {
        Price = changed.Price,
        PriceHistory = [.. PriceHistory, new PricePeriod(changed.Price, changed.At)],
    };

    public Product Apply(ProductArchived archived) => this with { Status = ProductStatus.Archived };

    public Product Apply(ProductReactivated reactivated) => this with { Status = ProductStatus.Active };

    /// <summary>The state after one more event of this stream (what Marten's Apply methods do, for code that just decided).</summary>
    public Product With(object @event) => @event switch
    {
        ProductDetailsChanged e => Apply(e),
        ProductPriceChanged e => Apply(e),
        ProductArchived e => Apply(e),
        ProductReactivated e => Apply(e),
        _ => this with { Stock = Stock.Apply(@event) },
    };

    public Product Apply(StockAdjusted e) => this with { Stock = Stock.Apply(e) };

    public Product Apply(StockReserved e) => this with { Stock = Stock.Apply(e) };

    public Product Apply(StockReleased e) => this with { Stock = Stock.Apply(e) };

    public Product Apply(StockCommitted e) => this with { Stock = Stock.Apply(e) };
}

public sealed record StockResponse(int OnHand, int Reserved, int Available);

public sealed record ProductResponse(
    Guid Id,
    Guid ShopId,
    string? Sku,
    LocalizedText Name,
    LocalizedText Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    string Status,
    StockResponse Stock,
    IReadOnlyList<PricePeriod> PriceHistory,
    DateTimeOffset ListedAt)
{
    public static ProductResponse From(Product product) => new(
        product.Id,
        product.ShopId,
        product.Sku,
        product.Name,
        product.Description,
        product.Category,
        product.ImageUrls,
        product.Price,
        product.VatRate,
        product.Status,
        new StockResponse(product.Stock.OnHand, product.Stock.Reserved, product.Stock.Available),
        product.PriceHistory,
        product.ListedAt);
}
