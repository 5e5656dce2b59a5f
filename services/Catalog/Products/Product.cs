using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products.Food;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

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

/// <summary>The product's food information, all of it at once (ADR 41: a new event, so streams stored before it still load).</summary>
public sealed record ProductFoodInformationSet(Guid ProductId, FoodInformation Food, Guid? By, DateTimeOffset At);

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

/// <summary>Why a product refuses a change: stable codes, translated by the clients.</summary>
public static class ProductRefusals
{
    /// <summary>The product is not one of this shop's (answered as "no such product": another shop's product is not shown).</summary>
    public const string NotInShop = "product.not_in_shop";

    /// <summary>Another product of the shop has this reference (SKU).</summary>
    public const string SkuTaken = "product.sku_taken";
}

/// <summary>
/// A product of a shop, event-sourced with its stock in the same stream (one lock serialises every
/// reservation of a product); the snapshot is kept inline for reads. Deciders return a Decision; only Fold changes state.
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
    DateTimeOffset ListedAt,
    FoodInformation? Food = null) : IEventSourced<Product>
{
    public bool IsActive => Status == ProductStatus.Active;

    public static Product? Fold(Product? state, object change) => (state, change) switch
    {
        (null, ProductListed e) => new Product(
            e.ProductId, e.ShopId, e.Sku, e.Name, e.Description, e.Category, e.ImageUrls, e.Price, e.VatRate,
            ProductStatus.Active, StockLevel.Empty, [new PricePeriod(e.Price, e.At)], e.At),
        ({ } p, ProductDetailsChanged e) => p with
        {
            Sku = e.Sku,
            Name = e.Name,
            Description = e.Description,
            Category = e.Category,
            ImageUrls = e.ImageUrls,
            VatRate = e.VatRate,
        },
        ({ } p, ProductPriceChanged e) => p with { Price = e.Price, PriceHistory = [.. p.PriceHistory, new PricePeriod(e.Price, e.At)] },
        ({ } p, ProductArchived) => p with { Status = ProductStatus.Archived },
        ({ } p, ProductFoodInformationSet e) => p with { Food = e.Food },
        ({ } p, ProductReactivated) => p with { Status = ProductStatus.Active },
        ({ } p, _) => p with { Stock = p.Stock.Fold(change) },
        _ => state,
    };

    /// <summary>The events that list a new product: the listing and its initial stock.</summary>
    public static IReadOnlyList<object> List(ProductListed listed, int initialStock) =>
        [listed, .. StockLevel.Initial(listed.ProductId, initialStock, null, listed.By, listed.At)];

    public Decision ChangeDetails(ProductDetailsChanged changed) =>
        Sku == changed.Sku && Name == changed.Name && Description == changed.Description && Category == changed.Category &&
        ImageUrls.SequenceEqual(changed.ImageUrls) && VatRate == changed.VatRate
            ? Decision.Unchanged
            : Decision.To(changed);

    public Decision ChangePrice(Money price, Guid? by, DateTimeOffset now) =>
        Price == price ? Decision.Unchanged : Decision.To(new ProductPriceChanged(Id, ShopId, Price, price, by, now));

    public Decision SetFoodInformation(FoodInformation food, Guid? by, DateTimeOffset now) =>
        Food is { } current && current.SameAs(food) ? Decision.Unchanged : Decision.To(new ProductFoodInformationSet(Id, food, by, now));

    public Decision Archive(DateTimeOffset now) => IsActive ? Decision.To(new ProductArchived(Id, now)) : Decision.Unchanged;

    public Decision Reactivate(DateTimeOffset now) => IsActive ? Decision.Unchanged : Decision.To(new ProductReactivated(Id, now));

    public Decision AdjustStock(int quantity, string reason, string? note, Guid? by, DateTimeOffset now) =>
        StockLevel.Adjust(Stock, Id, ShopId, quantity, reason, note, by, now);

    public Decision CountStock(int onHand, string? note, Guid? by, DateTimeOffset now) =>
        StockLevel.Count(Stock, Id, ShopId, onHand, note, by, now);
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
    DateTimeOffset ListedAt,
    FoodInformationResponse? Food = null,
    Photos.PhotoResponse? Photo = null)
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
        product.ListedAt,
        FoodInformationResponse.From(product.Food, product.Price));
}

/// <summary>The food information with the price per kilogram or litre computed from the price and the net quantity.</summary>
public sealed record FoodInformationResponse(
    string SoldBy,
    NetQuantity? NetQuantity,
    UnitPrice? UnitPrice,
    IReadOnlyList<string> Allergens,
    IReadOnlyList<string> Labels,
    string? Origin)
{
    public static FoodInformationResponse? From(FoodInformation? food, Money price) => food is null
        ? null
        : new(food.SoldBy, food.NetQuantity, UnitPrices.Of(price, food.NetQuantity), food.Allergens, food.Labels, food.Origin);
}
