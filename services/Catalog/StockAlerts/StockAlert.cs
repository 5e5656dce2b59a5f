using Marketplace.Catalog.Common;

namespace Marketplace.Catalog.StockAlerts;

/// <summary>
/// "Tell me when it's back": one signed-in account waits for one out-of-stock product. Id = product + account, so
/// asking twice is one request. Served (deleted, in the transaction that records <see cref="StockAlertsServed"/>)
/// when the product comes back in stock; asking again after that is a new request.
/// </summary>
public sealed record StockAlert(string Id, Guid ProductId, Guid AccountId, DateTimeOffset RequestedAt)
{
    public static string IdOf(Guid product, Guid account) => $"{product:N}:{account:N}";
}

/// <summary>The requests waiting for a product were served: each account gets one mail (the relay publishes it as Catalog.StockAlertsDue).</summary>
public sealed record StockAlertsServed(
    Guid BatchId, Guid ProductId, Guid ShopId, string ShopName, LocalizedText ProductName, IReadOnlyList<Guid> AccountIds, DateTimeOffset At);

/// <summary>Why a request is refused: stable codes, translated by the clients.</summary>
public static class StockAlertRefusals
{
    /// <summary>The product is on sale now: there is nothing to wait for.</summary>
    public const string InStock = "stock.in_stock";

    public const string ProductNotFound = "product.not_found";
}

/// <summary>Whether the caller waits for the product, and since when.</summary>
public sealed record StockAlertResponse(Guid ProductId, bool Requested, DateTimeOffset? RequestedAt)
{
    public static StockAlertResponse From(Guid product, StockAlert? alert) => new(product, alert is not null, alert?.RequestedAt);
}
