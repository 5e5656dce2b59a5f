namespace Marketplace.Contracts.Ordering;

// The order process (ADR 27). Ordering owns the order and every decision about it; Catalog owns the stock, Payments
// the money. Each message below is a fact Ordering has recorded in the order's stream and relays; the order id is
// Catalog's reservation id and Stripe's transfer_group, so every retry lands on the same hold and the same payment.

/// <summary>One line of a sub-order, its price frozen at checkout. UnitPrice includes VAT; VatRate in basis points (550 = 5.5 %).</summary>
public sealed record OrderLine(Guid ProductId, string? NameFr, string? NameEn, int Quantity, Money UnitPrice, int VatRate);

/// <summary>How a shop hands its sub-order over: a pickup slot in its opening hours, or delivery to an address for a fee.</summary>
public sealed record Fulfilment(string Kind, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, DeliveryAddress? Address, Money? DeliveryFee)
{
    public const string Pickup = "pickup";
    public const string Delivery = "delivery";
}

public sealed record DeliveryAddress(string Line1, string? Line2, string Postcode, string City, string Country);

/// <summary>A shop's part of an order. Subtotal = Σ UnitPrice × Quantity + the delivery fee, if any.</summary>
public sealed record SubOrder(Guid ShopId, IReadOnlyList<OrderLine> Lines, Fulfilment Fulfilment, Money Subtotal);

/// <summary>
/// A customer checked out: one order, a sub-order per shop, prices frozen. Catalog holds every line under the
/// reservation OrderId until HoldUntil (answering ReservationHeld or ReservationRefused); nothing is charged yet.
/// </summary>
public sealed record OrderPlaced(
    TenantId Tenant,
    Guid OrderId,
    Guid CustomerAccountId,
    string Language,
    IReadOnlyList<SubOrder> SubOrders,
    Money Total,
    DateTimeOffset PlacedAt,
    DateTimeOffset HoldUntil) : IIntegrationEvent;

/// <summary>
/// Every line is held: Payments asks the customer to pay Total once (authorised, not captured) before PayBy.
/// PlacedAt is when the customer checked out: the fee policy in force then applies to the whole order.
/// </summary>
public sealed record OrderAwaitingPayment(
    TenantId Tenant,
    Guid OrderId,
    Guid CustomerAccountId,
    string Language,
    IReadOnlyList<SubOrder> SubOrders,
    Money Total,
    DateTimeOffset PlacedAt,
    DateTimeOffset PayBy) : IIntegrationEvent;

/// <summary>The shop accepted its sub-order: Catalog commits these lines of the reservation (the units are sold).</summary>
public sealed record SubOrderAccepted(TenantId Tenant, Guid OrderId, Guid ShopId, IReadOnlyList<OrderLine> Lines, DateTimeOffset AcceptedAt) : IIntegrationEvent;

/// <summary>
/// A sub-order ends before its shop accepted it — refused by the shop, unanswered in time, cancelled by the customer,
/// or its order cancelled: Catalog releases these lines; the sub-order is never charged. Reason: see <see cref="EndReasons"/>.
/// </summary>
public sealed record SubOrderWithdrawn(TenantId Tenant, Guid OrderId, Guid ShopId, IReadOnlyList<OrderLine> Lines, string Reason, DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// Every sub-order has its answer: Payments captures Amount (the accepted subtotals; the authorisation's remainder is
/// released) and splits it between the Accepted shops, or cancels the payment when Amount is zero. Sent once per order.
/// </summary>
public sealed record OrderReadyToCapture(TenantId Tenant, Guid OrderId, IReadOnlyList<AcceptedSubOrder> Accepted, Money Amount, DateTimeOffset At) : IIntegrationEvent;

public sealed record AcceptedSubOrder(Guid ShopId, Money Subtotal);

/// <summary>
/// The whole order ends before capture (the customer cancelled it, the payment failed or came too late, the stock
/// could not be held): Catalog releases what is still held, Payments voids any authorisation. Reason: <see cref="EndReasons"/>.
/// </summary>
public sealed record OrderCancelled(TenantId Tenant, Guid OrderId, string Reason, DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// Money goes back to the customer for part of a paid order: a whole sub-order the shop could not fulfil, or part of a
/// line. RefundId is chosen by Ordering once (the refund's idempotency key); Payments answers RefundCompleted or RefundFailed.
/// </summary>
public sealed record RefundRequested(TenantId Tenant, Guid RefundId, Guid OrderId, Guid ShopId, Money Amount, string Reason, DateTimeOffset RequestedAt) : IIntegrationEvent;

/// <summary>The sub-order is ready: for pickup in its slot, or out for delivery.</summary>
public sealed record SubOrderReady(TenantId Tenant, Guid OrderId, Guid ShopId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>The customer has the goods: collected at the shop or delivered.</summary>
public sealed record SubOrderHandedOver(TenantId Tenant, Guid OrderId, Guid ShopId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>Why a sub-order or an order ended without a sale: stable codes, shown translated to people.</summary>
public static class EndReasons
{
    public const string RefusedByShop = "refused-by-shop";
    public const string Unanswered = "unanswered";
    public const string CancelledByCustomer = "cancelled-by-customer";
    public const string StockShort = "stock-short";
    public const string PaymentFailed = "payment-failed";
    public const string PaymentTimedOut = "payment-timed-out";
    public const string AuthorisationLapsing = "authorisation-lapsing";

    /// <summary>Catalog never said whether it holds the stock before the order's HoldUntil: the order ends, nothing charged.</summary>
    public const string StockUnconfirmed = "stock-unconfirmed";
}
