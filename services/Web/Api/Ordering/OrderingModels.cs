using Marketplace.Contracts;

namespace Marketplace.Web.Api.Ordering;

// Ordering's answers and request bodies as the web app reads and writes them, each held against Ordering's OpenAPI
// document (docs/openapi/ordering.json) by tests/Marketplace.UnitTests/Web/ApiSchemaTests.cs.

/// <summary>One line of the basket: today's price and availability, and the price when it was put in the basket.</summary>
public sealed record BasketLine(
    Guid ProductId,
    Guid ShopId,
    string ShopName,
    string? NameFr,
    string? NameEn,
    int Quantity,
    Money UnitPrice,
    Money PriceWhenAdded,
    bool PriceChanged,
    bool Available,
    int VatRate,
    Money LineTotal);

/// <summary>The signed-in customer's basket in one cooperative (GET /api/coops/{coop}/basket): lines by shop, the total at today's prices.</summary>
public sealed record Basket(IReadOnlyList<BasketLine> Lines, Money Total, int ItemCount, DateTimeOffset? UpdatedAt);

/// <summary>PUT /api/coops/{coop}/basket/lines/{product}: how many of the product the basket holds.</summary>
public sealed record BasketQuantity(int Quantity);

/// <summary>One line of an order: the product's names, quantity, unit price and VAT rate frozen at checkout.</summary>
public sealed record OrderLine(Guid ProductId, string? NameFr, string? NameEn, int Quantity, Money UnitPrice, int VatRate);

/// <summary>Where a shop delivers its part.</summary>
public sealed record DeliveryAddress(string Line1, string? Line2, string Postcode, string City, string Country);

/// <summary>How a shop hands its part over: "pickup" in a slot, or "delivery" to an address.</summary>
public sealed record OrderFulfilment(string Kind, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, DeliveryAddress? Address, Money? DeliveryFee)
{
    public const string Pickup = "pickup";
    public const string Delivery = "delivery";
}

/// <summary>One shop's part of an order, where it stands, and why it ended when it did.</summary>
public sealed record SubOrder(
    Guid ShopId, string ShopName, IReadOnlyList<OrderLine> Lines, OrderFulfilment Fulfilment, Money Subtotal, string Status, string? Reason, string? Note, DateTimeOffset UpdatedAt);

/// <summary>One event of the order's history.</summary>
public sealed record OrderHistoryEntry(string Type, DateTimeOffset At, Guid? ShopId, string? Reason);

/// <summary>A product Catalog could not hold enough of.</summary>
public sealed record Shortage(Guid ProductId, int Requested, int Available);

public sealed record Refund(Guid RefundId, Guid ShopId, Money Amount, string Status, string? FailureReason);

/// <summary>An order as its customer sees it (GET /api/coops/{coop}/orders/{order}; the history only there).</summary>
public sealed record Order(
    Guid Id,
    Guid CustomerId,
    string Status,
    string? EndReason,
    IReadOnlyList<SubOrder> SubOrders,
    Money Total,
    Money? Captured,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PayBy,
    DateTimeOffset? AnswerBy,
    IReadOnlyList<Shortage> Shortages,
    IReadOnlyList<Refund> Refunds,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderHistoryEntry>? History);

/// <summary>The signed-in customer's orders, newest first (GET /api/coops/{coop}/orders).</summary>
public sealed record OrdersPage(IReadOnlyList<Order> Items, int Page, int PageSize, long Total) : IPaged;

/// <summary>POST /api/coops/{coop}/orders: check the basket out under the id the form chose once.</summary>
public sealed record PlaceOrder(Guid OrderId, string? Language, IReadOnlyList<ShopChoice> Shops);

/// <summary>For one shop of the basket: pickup in a slot, or delivery to an address (exactly one).</summary>
public sealed record ShopChoice(Guid ShopId, PickupChoice? Pickup, DeliveryChoice? Delivery);

public sealed record PickupChoice(DateTimeOffset Start, DateTimeOffset End);

public sealed record DeliveryChoice(string Line1, string? Line2, string Postcode, string City, string Country);

/// <summary>Ordering's order statuses and sub-order statuses, as it writes them.</summary>
public static class OrderStatuses
{
    public const string AwaitingStock = "awaiting-stock";
    public const string AwaitingPayment = "awaiting-payment";
    public const string AwaitingShops = "awaiting-shops";
    public const string SubAwaitingShop = "awaiting-shop";
    public const string SubAccepted = "accepted";

    /// <summary>Whether the customer may still try to cancel the whole order (Ordering has the last word).</summary>
    public static bool Cancellable(Order order) =>
        order.Status is AwaitingStock or AwaitingPayment || (order.Status == AwaitingShops && order.SubOrders.All(part => part.Status != SubAccepted));
}
