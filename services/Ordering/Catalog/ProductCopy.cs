using Marketplace.Contracts;

namespace Marketplace.Ordering.Catalog;

/// <summary>
/// Ordering's own copy of a product of the catalog, kept by Catalog's events (listed, price changed, out of / back in
/// stock): what a basket line shows without asking Catalog. Events may come twice or out of order, so each part
/// remembers when it was last true and an older fact never overwrites a newer one.
/// </summary>
public sealed record ProductCopy
{
    public required Guid Id { get; init; }

    public Guid ShopId { get; init; }

    public string? NameFr { get; init; }

    public string? NameEn { get; init; }

    /// <summary>Null until the listing itself has arrived (a price change may come first).</summary>
    public Money? Price { get; init; }

    public int VatRate { get; init; }

    public DateTimeOffset PriceAt { get; init; }

    public bool InStock { get; init; } = true;

    public DateTimeOffset StockAt { get; init; }

    /// <summary>Known well enough to be put in a basket: its listing has arrived.</summary>
    public bool IsListed => Price is not null && ShopId != Guid.Empty;

    public ProductCopy Listed(Contracts.Catalog.ProductListed e) => this with
    {
        ShopId = e.ShopId,
        NameFr = e.NameFr,
        NameEn = e.NameEn,
        VatRate = e.VatRate,
        Price = Price is null || e.ListedAt >= PriceAt ? e.Price : Price,
        PriceAt = Price is null || e.ListedAt >= PriceAt ? e.ListedAt : PriceAt,
    };

    public ProductCopy PriceChanged(Contracts.Catalog.ProductPriceChanged e) => e.ChangedAt < PriceAt && Price is not null
        ? this
        : this with { ShopId = e.ShopId, Price = e.Price, PriceAt = e.ChangedAt };

    public ProductCopy Stock(bool inStock, Guid shopId, DateTimeOffset at) => at < StockAt
        ? this
        : this with { ShopId = shopId, InStock = inStock, StockAt = at };
}
