using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Fulfilment = Marketplace.Contracts.Ordering.Fulfilment;
using OrderLine = Marketplace.Contracts.Ordering.OrderLine;

namespace Marketplace.Ordering.Orders;

/// <summary>A shop's part of an order as placed: its lines (prices frozen), how it is handed over, its subtotal.</summary>
public sealed record PlacedSubOrder(Guid ShopId, string ShopName, IReadOnlyList<OrderLine> Lines, Fulfilment Fulfilment, Money Subtotal);

public sealed record OrderPlaced(
    Guid OrderId, Guid CustomerId, string CustomerName, string? CustomerEmail, string Language,
    IReadOnlyList<PlacedSubOrder> SubOrders, Money Total, DateTimeOffset PlacedAt, DateTimeOffset HoldUntil);

/// <summary>Catalog holds every line: the customer now pays before PayBy (carries what Payments needs).</summary>
public sealed record OrderStockHeld(
    Guid OrderId, Guid CustomerId, string Language, IReadOnlyList<PlacedSubOrder> SubOrders, Money Total, DateTimeOffset PlacedAt,
    DateTimeOffset PayBy, DateTimeOffset At);

public sealed record Shortage(Guid ProductId, int Requested, int Available);

/// <summary>Catalog could not hold some lines: the order is refused (nothing held, nothing charged).</summary>
public sealed record OrderStockShort(Guid OrderId, IReadOnlyList<Shortage> Shortages, DateTimeOffset At);

/// <summary>The payment is authorised: each shop answers before AnswerBy.</summary>
public sealed record OrderPaymentAuthorised(Guid OrderId, Money Amount, DateTimeOffset CaptureBefore, DateTimeOffset AnswerBy, DateTimeOffset At);

/// <summary>The whole order ends before capture (Reason: EndReasons).</summary>
public sealed record OrderCancelled(Guid OrderId, string Reason, DateTimeOffset At);

public sealed record SubOrderAccepted(Guid OrderId, Guid ShopId, IReadOnlyList<OrderLine> Lines, DateTimeOffset At);

public sealed record SubOrderWithdrawn(Guid OrderId, Guid ShopId, IReadOnlyList<OrderLine> Lines, string Reason, string? Note, DateTimeOffset At);

public sealed record AcceptedPart(Guid ShopId, Money Subtotal);

/// <summary>Every sub-order has its answer: Payments captures Amount (zero: it voids).</summary>
public sealed record OrderReadyToCapture(Guid OrderId, IReadOnlyList<AcceptedPart> Accepted, Money Amount, DateTimeOffset At);

public sealed record OrderPaymentCaptured(Guid OrderId, Money Amount, DateTimeOffset At);

public sealed record OrderPaymentCancelled(Guid OrderId, DateTimeOffset At);

public sealed record SubOrderReady(Guid OrderId, Guid ShopId, DateTimeOffset At);

public sealed record SubOrderHandedOver(Guid OrderId, Guid ShopId, DateTimeOffset At);

/// <summary>A shop cannot fulfil a sub-order it accepted and that was paid for: its subtotal goes back (RefundId chosen once, here).</summary>
public sealed record SubOrderCancelledByShop(Guid OrderId, Guid ShopId, Guid RefundId, Money Amount, string Reason, DateTimeOffset At);

public sealed record OrderRefundCompleted(Guid OrderId, Guid RefundId, Guid ShopId, Money Amount, DateTimeOffset At);

public sealed record OrderRefundFailed(Guid OrderId, Guid RefundId, Guid ShopId, string Reason, DateTimeOffset At);

/// <summary>Where the whole order stands.</summary>
public static class OrderStatus
{
    public const string AwaitingStock = "awaiting-stock";
    public const string StockShort = "stock-short";
    public const string AwaitingPayment = "awaiting-payment";
    public const string AwaitingShops = "awaiting-shops";
    public const string Capturing = "capturing";
    public const string Paid = "paid";

    /// <summary>Paid, and every part handed over or ended: nothing is left to do.</summary>
    public const string Completed = "completed";
    public const string NothingToPay = "nothing-to-pay";
    public const string Cancelled = "cancelled";

    private static readonly string[] Sequence = [AwaitingStock, AwaitingPayment, AwaitingShops, Capturing, Paid, Completed];

    /// <summary>The step of a status on the way (−1 for an order that ended: short, cancelled, nothing to pay).</summary>
    public static int Step(string status) => Array.IndexOf(Sequence, status);
}

/// <summary>Where one shop's part stands.</summary>
public static class SubOrderStatus
{
    public const string Placed = "placed";
    public const string AwaitingShop = "awaiting-shop";
    public const string Accepted = "accepted";
    public const string Withdrawn = "withdrawn";
    public const string Ready = "ready";
    public const string HandedOver = "handed-over";
    public const string CancelledByShop = "cancelled-by-shop";
}

public sealed record Refund(Guid RefundId, Guid ShopId, Money Amount, string Status, string? FailureReason);

public sealed record OrderShopPart(
    Guid ShopId, string ShopName, IReadOnlyList<OrderLine> Lines, Fulfilment Fulfilment, Money Subtotal, string Status, string? Reason, string? Note, DateTimeOffset UpdatedAt)
{
    public bool Answered => Status is not (SubOrderStatus.Placed or SubOrderStatus.AwaitingShop);
}

/// <summary>
/// An order (stream id: the order id the client chose, which is also Catalog's reservation id and Stripe's transfer
/// group) with one part per shop. Every answer from Catalog and Payments and every step of the shops is an event of it.
/// </summary>
public sealed record Order(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string? CustomerEmail,
    string Language,
    string Status,
    IReadOnlyList<OrderShopPart> SubOrders,
    Money Total,
    DateTimeOffset PlacedAt,
    DateTimeOffset HoldUntil,
    DateTimeOffset? PayBy,
    DateTimeOffset? AnswerBy,
    DateTimeOffset? CaptureBefore,
    IReadOnlyList<Shortage> Shortages,
    Money? Captured,
    bool PaymentVoided,
    string? EndReason,
    IReadOnlyList<Refund> Refunds,
    DateTimeOffset UpdatedAt) : IEventSourced<Order>
{
    /// <summary>
    /// The deadline the sweeper watches: Catalog's answer until the hold would have ended anyway (HoldUntil), payment
    /// while awaiting it, the shops' answers while awaiting them.
    /// </summary>
    public DateTimeOffset? NextDeadline => Status switch
    {
        OrderStatus.AwaitingStock => HoldUntil,
        OrderStatus.AwaitingPayment => PayBy,
        OrderStatus.AwaitingShops => AnswerBy,
        _ => null,
    };

    public OrderShopPart? Part(Guid shop) => SubOrders.FirstOrDefault(s => s.ShopId == shop);

    public static Order? Fold(Order? state, object change) => (state, change) switch
    {
        (null, OrderPlaced e) => new Order(
            e.OrderId, e.CustomerId, e.CustomerName, e.CustomerEmail, e.Language, OrderStatus.AwaitingStock,
            [.. e.SubOrders.Select(s => new OrderShopPart(s.ShopId, s.ShopName, s.Lines, s.Fulfilment, s.Subtotal, SubOrderStatus.Placed, null, null, e.PlacedAt))],
            e.Total, e.PlacedAt, e.HoldUntil, null, null, null, [], null, false, null, [], e.PlacedAt),
        ({ } o, OrderStockHeld e) => o with { Status = OrderStatus.AwaitingPayment, PayBy = e.PayBy, UpdatedAt = e.At },
        ({ } o, OrderStockShort e) => o with { Status = OrderStatus.StockShort, Shortages = e.Shortages, EndReason = OrderEndReasons.StockShort, UpdatedAt = e.At, SubOrders = AllEnded(o, e.At) },
        ({ } o, OrderPaymentAuthorised e) => o with
        {
            Status = OrderStatus.AwaitingShops,
            AnswerBy = e.AnswerBy,
            CaptureBefore = e.CaptureBefore,
            UpdatedAt = e.At,
            SubOrders = [.. o.SubOrders.Select(s => s.Status == SubOrderStatus.Placed ? s with { Status = SubOrderStatus.AwaitingShop, UpdatedAt = e.At } : s)],
        },
        ({ } o, OrderCancelled e) => o with { Status = OrderStatus.Cancelled, EndReason = e.Reason, UpdatedAt = e.At, SubOrders = AllEnded(o, e.At, e.Reason) },
        ({ } o, SubOrderAccepted e) => Changed(o, e.ShopId, e.At, s => s with { Status = SubOrderStatus.Accepted }),
        ({ } o, SubOrderWithdrawn e) => Changed(o, e.ShopId, e.At, s => s with { Status = SubOrderStatus.Withdrawn, Reason = e.Reason, Note = e.Note }),
        ({ } o, OrderReadyToCapture e) => o with { Status = e.Amount.Minor == 0 ? OrderStatus.NothingToPay : OrderStatus.Capturing, UpdatedAt = e.At },
        ({ } o, OrderPaymentCaptured e) => o with { Status = OrderStatus.Paid, Captured = e.Amount, UpdatedAt = e.At },
        ({ } o, OrderPaymentCancelled e) => o with { PaymentVoided = true, UpdatedAt = e.At },
        ({ } o, SubOrderReady e) => Changed(o, e.ShopId, e.At, s => s with { Status = SubOrderStatus.Ready }),
        ({ } o, SubOrderHandedOver e) => Completed(Changed(o, e.ShopId, e.At, s => s with { Status = SubOrderStatus.HandedOver })),
        ({ } o, SubOrderCancelledByShop e) => Completed(Changed(o, e.ShopId, e.At, s => s with { Status = SubOrderStatus.CancelledByShop, Note = e.Reason }) with
        {
            Refunds = [.. o.Refunds, new Refund(e.RefundId, e.ShopId, e.Amount, "requested", null)],
        }),
        ({ } o, OrderRefundCompleted e) => o with { UpdatedAt = e.At, Refunds = [.. o.Refunds.Select(r => r.RefundId == e.RefundId ? r with { Status = "completed" } : r)] },
        ({ } o, OrderRefundFailed e) => o with { UpdatedAt = e.At, Refunds = [.. o.Refunds.Select(r => r.RefundId == e.RefundId ? r with { Status = "failed", FailureReason = e.Reason } : r)] },
        _ => state,
    };

    private static Order Changed(Order o, Guid shop, DateTimeOffset at, Func<OrderShopPart, OrderShopPart> change) =>
        o with { UpdatedAt = at, SubOrders = [.. o.SubOrders.Select(s => s.ShopId == shop ? change(s) with { UpdatedAt = at } : s)] };

    /// <summary>A paid order whose every part was handed over or ended, one at least handed over, is completed.</summary>
    private static Order Completed(Order o) =>
        o.Status == OrderStatus.Paid
        && o.SubOrders.Any(s => s.Status == SubOrderStatus.HandedOver)
        && o.SubOrders.All(s => s.Status is SubOrderStatus.HandedOver or SubOrderStatus.Withdrawn or SubOrderStatus.CancelledByShop)
            ? o with { Status = OrderStatus.Completed }
            : o;

    private static IReadOnlyList<OrderShopPart> AllEnded(Order o, DateTimeOffset at, string? reason = null) =>
        [.. o.SubOrders.Select(s => s.Answered ? s : s with { Status = SubOrderStatus.Withdrawn, Reason = reason ?? OrderEndReasons.StockShort, UpdatedAt = at })];
}

/// <summary>The contract's end reasons, named here for the domain.</summary>
public static class OrderEndReasons
{
    public const string RefusedByShop = Contracts.Ordering.EndReasons.RefusedByShop;
    public const string Unanswered = Contracts.Ordering.EndReasons.Unanswered;
    public const string CancelledByCustomer = Contracts.Ordering.EndReasons.CancelledByCustomer;
    public const string StockShort = Contracts.Ordering.EndReasons.StockShort;
    public const string PaymentFailed = Contracts.Ordering.EndReasons.PaymentFailed;
    public const string PaymentTimedOut = Contracts.Ordering.EndReasons.PaymentTimedOut;
    public const string AuthorisationLapsing = Contracts.Ordering.EndReasons.AuthorisationLapsing;
    public const string StockUnconfirmed = Contracts.Ordering.EndReasons.StockUnconfirmed;
}
