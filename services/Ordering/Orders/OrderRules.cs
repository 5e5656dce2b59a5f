using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Ordering.Orders;

public static class OrderRefusals
{
    /// <summary>The message is about a step the order has not reached yet: it is retried later (ADR 7, 27).</summary>
    public const string NotYet = "order.not_yet";
    public const string NotAwaitingShop = "order.sub_order_not_awaiting_shop";
    public const string NotAccepted = "order.sub_order_not_accepted";
    public const string NotReady = "order.sub_order_not_ready";
    public const string NotCaptured = "order.not_captured";
    public const string NotCancellable = "order.not_cancellable";
    public const string AcceptedByAShop = "order.accepted_by_a_shop";
    public const string NotAuthorisedYet = "order.payment_not_authorised";
    public const string ShopNotInOrder = "order.shop_not_in_order";
}

/// <summary>
/// The order's decisions. A step already passed changes nothing (a duplicate or late message); a message about a step
/// not reached yet is refused with <see cref="OrderRefusals.NotYet"/>, which its consumer turns into a retry.
/// </summary>
public static class OrderRules
{
    public static Decision StockHeld(Order order, TimeSpan payWithin, DateTimeOffset now) => order.Status == OrderStatus.AwaitingStock
        ? Decision.To(new OrderStockHeld(order.Id, order.CustomerId, order.Language, Placed(order), order.Total, order.PlacedAt, now + payWithin, now))
        : Decision.Unchanged;

    public static Decision StockShort(Order order, IReadOnlyList<Shortage> shortages, DateTimeOffset now) => order.Status == OrderStatus.AwaitingStock
        ? Decision.To(new OrderStockShort(order.Id, shortages, now))
        : Decision.Unchanged;

    public static Decision PaymentAuthorised(Order order, Money amount, DateTimeOffset captureBefore, TimeSpan answerWithin, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.AwaitingStock => Decision.Refuse(OrderRefusals.NotYet),
        // The shops answer before the cooperative's time is up, and always before the authorisation lapses.
        OrderStatus.AwaitingPayment => Decision.To(new OrderPaymentAuthorised(order.Id, amount, captureBefore, Min(now + answerWithin, captureBefore), now)),
        _ => Decision.Unchanged,
    };

    public static Decision PaymentFailed(Order order, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.AwaitingStock => Decision.Refuse(OrderRefusals.NotYet),
        OrderStatus.AwaitingPayment => Decision.To(new OrderCancelled(order.Id, OrderEndReasons.PaymentFailed, now)),
        _ => Decision.Unchanged,
    };

    public static Decision AuthorisationLapsing(Order order, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.AwaitingStock or OrderStatus.AwaitingPayment => Decision.Refuse(OrderRefusals.NotYet),
        OrderStatus.AwaitingShops => WithdrawUnanswered(order, OrderEndReasons.AuthorisationLapsing, now),
        _ => Decision.Unchanged,
    };

    public static Decision PaymentCaptured(Order order, Money amount, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.Capturing => Decision.To(new OrderPaymentCaptured(order.Id, amount, now)),
        _ when OrderStatus.Step(order.Status) is >= 0 and < 3 => Decision.Refuse(OrderRefusals.NotYet),
        _ => Decision.Unchanged,
    };

    /// <summary>Voided: after the order was cancelled, or when nothing was accepted.</summary>
    public static Decision PaymentCancelled(Order order, DateTimeOffset now) => order switch
    {
        { PaymentVoided: true } => Decision.Unchanged,
        { Status: OrderStatus.Cancelled or OrderStatus.NothingToPay or OrderStatus.StockShort } => Decision.To(new OrderPaymentCancelled(order.Id, now)),
        _ => Decision.Refuse(OrderRefusals.NotYet),
    };

    public static Decision RefundCompleted(Order order, Guid refundId, Money amount, DateTimeOffset now) => order.Refunds.FirstOrDefault(r => r.RefundId == refundId) switch
    {
        null => Decision.Refuse(OrderRefusals.NotYet),
        { Status: "completed" } => Decision.Unchanged,
        var refund => Decision.To(new OrderRefundCompleted(order.Id, refundId, refund.ShopId, amount, now)),
    };

    public static Decision RefundFailed(Order order, Guid refundId, string reason, DateTimeOffset now) => order.Refunds.FirstOrDefault(r => r.RefundId == refundId) switch
    {
        null => Decision.Refuse(OrderRefusals.NotYet),
        { Status: "requested" } refund => Decision.To(new OrderRefundFailed(order.Id, refundId, refund.ShopId, reason, now)),
        _ => Decision.Unchanged,
    };

    public static Decision Accept(Order order, Guid shop, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.Accepted or SubOrderStatus.Ready or SubOrderStatus.HandedOver } => Decision.Unchanged,
        { Status: SubOrderStatus.AwaitingShop } part => Then(order, new SubOrderAccepted(order.Id, shop, part.Lines, now), now),
        _ => Decision.Refuse(OrderRefusals.NotAwaitingShop),
    };

    public static Decision Refuse(Order order, Guid shop, string? note, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.Withdrawn, Reason: OrderEndReasons.RefusedByShop } => Decision.Unchanged,
        { Status: SubOrderStatus.AwaitingShop } part => Then(order, new SubOrderWithdrawn(order.Id, shop, part.Lines, OrderEndReasons.RefusedByShop, note, now), now),
        _ => Decision.Refuse(OrderRefusals.NotAwaitingShop),
    };

    public static Decision MarkReady(Order order, Guid shop, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.Ready or SubOrderStatus.HandedOver } => Decision.Unchanged,
        { Status: SubOrderStatus.Accepted } => Decision.To(new SubOrderReady(order.Id, shop, now)),
        _ => Decision.Refuse(OrderRefusals.NotAccepted),
    };

    public static Decision MarkHandedOver(Order order, Guid shop, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.HandedOver } => Decision.Unchanged,
        { Status: SubOrderStatus.Ready or SubOrderStatus.Accepted } when order.Status == OrderStatus.Paid => Decision.To(new SubOrderHandedOver(order.Id, shop, now)),
        { Status: SubOrderStatus.Ready or SubOrderStatus.Accepted } => Decision.Refuse(OrderRefusals.NotCaptured),
        _ => Decision.Refuse(OrderRefusals.NotReady),
    };

    /// <summary>A shop cannot fulfil what it accepted: before capture it cannot (the amount is being captured); after, the subtotal is refunded.</summary>
    public static Decision CancelAccepted(Order order, Guid shop, Guid refundId, string reason, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.CancelledByShop } => Decision.Unchanged,
        { Status: SubOrderStatus.Accepted or SubOrderStatus.Ready } part when order.Status == OrderStatus.Paid =>
            Decision.To(new SubOrderCancelledByShop(order.Id, shop, refundId, part.Subtotal, reason, now)),
        { Status: SubOrderStatus.Accepted or SubOrderStatus.Ready } => Decision.Refuse(OrderRefusals.NotCaptured),
        _ => Decision.Refuse(OrderRefusals.NotAccepted),
    };

    /// <summary>The customer cancels the whole order while no shop has accepted it.</summary>
    public static Decision CancelByCustomer(Order order, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.Cancelled when order.EndReason == OrderEndReasons.CancelledByCustomer => Decision.Unchanged,
        OrderStatus.AwaitingStock or OrderStatus.AwaitingPayment => Decision.To(new OrderCancelled(order.Id, OrderEndReasons.CancelledByCustomer, now)),
        OrderStatus.AwaitingShops when order.SubOrders.Any(s => s.Status == SubOrderStatus.Accepted) => Decision.Refuse(OrderRefusals.AcceptedByAShop),
        OrderStatus.AwaitingShops => Decision.To(new OrderCancelled(order.Id, OrderEndReasons.CancelledByCustomer, now)),
        _ => Decision.Refuse(OrderRefusals.NotCancellable),
    };

    /// <summary>The customer cancels one shop's part until that shop accepts (once the payment is authorised).</summary>
    public static Decision CancelSubOrderByCustomer(Order order, Guid shop, DateTimeOffset now) => order.Part(shop) switch
    {
        null => Decision.Refuse(OrderRefusals.ShopNotInOrder),
        { Status: SubOrderStatus.Withdrawn, Reason: OrderEndReasons.CancelledByCustomer } => Decision.Unchanged,
        { Status: SubOrderStatus.Placed } => Decision.Refuse(OrderRefusals.NotAuthorisedYet),
        { Status: SubOrderStatus.AwaitingShop } part => Then(order, new SubOrderWithdrawn(order.Id, shop, part.Lines, OrderEndReasons.CancelledByCustomer, null, now), now),
        _ => Decision.Refuse(OrderRefusals.NotAwaitingShop),
    };

    /// <summary>
    /// What the sweeper does with an order whose deadline passed: never confirmed by Catalog or unpaid → cancelled (Catalog
    /// releases a hold it made late when it hears it); unanswered parts → withdrawn.
    /// </summary>
    public static Decision DeadlinePassed(Order order, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.AwaitingStock when order.HoldUntil <= now => Decision.To(new OrderCancelled(order.Id, OrderEndReasons.StockUnconfirmed, now)),
        OrderStatus.AwaitingPayment when order.PayBy <= now => Decision.To(new OrderCancelled(order.Id, OrderEndReasons.PaymentTimedOut, now)),
        OrderStatus.AwaitingShops when order.AnswerBy <= now => WithdrawUnanswered(order, OrderEndReasons.Unanswered, now),
        _ => Decision.Unchanged,
    };

    private static Decision WithdrawUnanswered(Order order, string reason, DateTimeOffset now)
    {
        object[] withdrawn = [.. order.SubOrders.Where(s => !s.Answered).Select(s => new SubOrderWithdrawn(order.Id, s.ShopId, s.Lines, reason, null, now))];
        return Then(order, withdrawn, now);
    }

    /// <summary>The answers, then the capture instruction once every part has its answer (exactly once: the status moves on).</summary>
    private static Decision Then(Order order, object answer, DateTimeOffset now) => Then(order, [answer], now);

    private static Decision Then(Order order, object[] answers, DateTimeOffset now)
    {
        var after = EventSourced.Fold(order, answers)!;
        if (after.Status != OrderStatus.AwaitingShops || after.SubOrders.Any(s => !s.Answered))
        {
            return Decision.To(answers);
        }

        var accepted = after.SubOrders.Where(s => s.Status == SubOrderStatus.Accepted).Select(s => new AcceptedPart(s.ShopId, s.Subtotal)).ToList();
        var amount = new Money(accepted.Sum(a => a.Subtotal.Minor), order.Total.Currency);
        return Decision.To([.. answers, new OrderReadyToCapture(order.Id, accepted, amount, now)]);
    }

    private static IReadOnlyList<PlacedSubOrder> Placed(Order order) =>
        [.. order.SubOrders.Select(s => new PlacedSubOrder(s.ShopId, s.ShopName, s.Lines, s.Fulfilment, s.Subtotal))];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
