using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Fulfilment = Marketplace.Contracts.Ordering.Fulfilment;
using OrderLine = Marketplace.Contracts.Ordering.OrderLine;

namespace Marketplace.Ordering.Orders;

public sealed record SubOrderView(
    Guid ShopId, string ShopName, IReadOnlyList<OrderLine> Lines, Fulfilment Fulfilment, Money Subtotal, string Status, string? Reason, string? Note, DateTimeOffset UpdatedAt);

/// <summary>One event of the order's history, as it happened.</summary>
public sealed record OrderHistoryEntry(string Type, DateTimeOffset At, Guid? ShopId, string? Reason);

/// <summary>An order as its customer (or an admin) sees it: every part, where it stands, what was short, its history; the customer's name for the admins' list.</summary>
public sealed record OrderView(
    Guid Id,
    Guid CustomerId,
    string Status,
    string? EndReason,
    IReadOnlyList<SubOrderView> SubOrders,
    Money Total,
    Money? Captured,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PayBy,
    DateTimeOffset? AnswerBy,
    IReadOnlyList<Shortage> Shortages,
    IReadOnlyList<Refund> Refunds,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderHistoryEntry>? History,
    string CustomerName)
{
    public static OrderView Of(Order o, IReadOnlyList<OrderHistoryEntry>? history = null) => new(
        o.Id, o.CustomerId, o.Status, o.EndReason, [.. o.SubOrders.Select(SubOrder)], o.Total, o.Captured, o.PlacedAt, o.PayBy, o.AnswerBy, o.Shortages, o.Refunds, o.UpdatedAt, history, o.CustomerName);

    public static SubOrderView SubOrder(OrderShopPart s) => new(s.ShopId, s.ShopName, s.Lines, s.Fulfilment, s.Subtotal, s.Status, s.Reason, s.Note, s.UpdatedAt);

    public static async Task<IReadOnlyList<OrderHistoryEntry>> HistoryAsync(IQuerySession session, Guid order, CancellationToken cancellationToken) =>
        [.. (await session.Events.FetchStreamAsync(order, token: cancellationToken)).Select(e => e.Data switch
        {
            SubOrderAccepted a => new OrderHistoryEntry("sub-order-accepted", e.Timestamp, a.ShopId, null),
            SubOrderWithdrawn w => new OrderHistoryEntry("sub-order-withdrawn", e.Timestamp, w.ShopId, w.Reason),
            SubOrderReady r => new OrderHistoryEntry("sub-order-ready", e.Timestamp, r.ShopId, null),
            SubOrderHandedOver h => new OrderHistoryEntry("sub-order-handed-over", e.Timestamp, h.ShopId, null),
            SubOrderCancelledByShop c => new OrderHistoryEntry("sub-order-cancelled-by-shop", e.Timestamp, c.ShopId, c.Reason),
            OrderRefundCompleted r => new OrderHistoryEntry("refund-completed", e.Timestamp, r.ShopId, null),
            OrderRefundFailed r => new OrderHistoryEntry("refund-failed", e.Timestamp, r.ShopId, r.Reason),
            OrderCancelled c => new OrderHistoryEntry("order-cancelled", e.Timestamp, null, c.Reason),
            OrderStockShort => new OrderHistoryEntry("stock-short", e.Timestamp, null, OrderEndReasons.StockShort),
            OrderPlaced => new OrderHistoryEntry("order-placed", e.Timestamp, null, null),
            OrderStockHeld => new OrderHistoryEntry("stock-held", e.Timestamp, null, null),
            OrderPaymentAuthorised => new OrderHistoryEntry("payment-authorised", e.Timestamp, null, null),
            OrderReadyToCapture => new OrderHistoryEntry("ready-to-capture", e.Timestamp, null, null),
            OrderPaymentCaptured => new OrderHistoryEntry("payment-captured", e.Timestamp, null, null),
            OrderPaymentCancelled => new OrderHistoryEntry("payment-cancelled", e.Timestamp, null, null),
            _ => new OrderHistoryEntry(e.EventTypeName, e.Timestamp, null, null),
        })];
}

/// <summary>A shop's sub-order as its owners see it: only their part, and the customer's name and e-mail for it.</summary>
public sealed record ShopOrderView(Guid OrderId, string OrderStatus, string CustomerName, string? CustomerEmail, DateTimeOffset PlacedAt, DateTimeOffset? AnswerBy, SubOrderView SubOrder)
{
    public static ShopOrderView Of(Order o, OrderShopPart part) => new(o.Id, o.Status, o.CustomerName, o.CustomerEmail, o.PlacedAt, o.AnswerBy, OrderView.SubOrder(part));
}

public sealed record OrderPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>?page=&amp;pageSize= on every list of orders.</summary>
public sealed record PageRequest([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Number => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;
}

internal sealed class PageRequestValidator : AbstractValidator<PageRequest>
{
    public PageRequestValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).OverridePropertyName("page");
        RuleFor(r => r.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize).OverridePropertyName("pageSize");
    }
}

public static class OrderProblems
{
    public const string NotFound = "order.not_found";
    public const string ShopNotManager = "shop.not_manager";

    public static IResult NoSuchOrder() => CodedProblems.Refused(NotFound, StatusCodes.Status404NotFound, "No such order in this cooperative.");

    public static IResult Refused(string code) => code switch
    {
        OrderRefusals.ShopNotInOrder => CodedProblems.Refused(code, StatusCodes.Status404NotFound, "This shop has no part in this order."),
        OrderRefusals.NotAwaitingShop => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This sub-order is not waiting for its shop's answer."),
        OrderRefusals.NotAccepted => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This sub-order was not accepted."),
        OrderRefusals.NotReady => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This sub-order is not ready."),
        OrderRefusals.NotCaptured => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "The order's payment is not captured yet."),
        OrderRefusals.NotCancellable => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This order can no longer be cancelled."),
        OrderRefusals.AcceptedByAShop => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "A shop has accepted part of this order: cancel the other parts one by one."),
        OrderRefusals.NotAuthorisedYet => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "The payment is not authorised yet: cancel the whole order instead."),
        _ => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This step is not allowed in the order's current state."),
    };

    /// <summary>The answer to a step on an order: the order's new state, or its refusal.</summary>
    public static IResult Answer(Decided<Order> decided, Func<Order, object> view) => decided switch
    {
        { State: null } => NoSuchOrder(),
        { Refusal: { } code } => Refused(code),
        { State: { } order } => TypedResults.Ok(view(order)),
    };
}

internal static class OrderAccess
{
    public static Guid AccountOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : throw new InvalidOperationException("A signed-in caller always has a subject.");

    public static bool IsAdminOf(this ClaimsPrincipal user, TenantId coop) => user.RolesIn(coop).Contains("admin");

    /// <summary>
    /// For routes under /shops/{shop}: a role in the cooperative first, then the shop's owners (from Catalog's profile)
    /// or the cooperative's admins; anyone else 403 shop.not_manager. An admin asking for a shop Ordering does not know gets 404.
    /// </summary>
    public static RouteHandlerBuilder RequireShopManager(this RouteHandlerBuilder endpoint) =>
        endpoint
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (!TenantId.TryParse(http.GetRouteValue("coop") as string, out var coop) || !Guid.TryParse(http.GetRouteValue("shop") as string, out var shopId))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.");
                }

                await using var session = http.RequestServices.GetRequiredService<CooperativeSessions>().QuerySession(coop);
                var shop = await session.LoadAsync<OrderingShop>(shopId, http.RequestAborted);
                var admin = http.User.IsAdminOf(coop);
                if (shop is not null && (admin || shop.Owners.Contains(AccountOf(http.User))))
                {
                    return await next(context);
                }

                return admin
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.")
                    : CodedProblems.Refused(OrderProblems.ShopNotManager, StatusCodes.Status403Forbidden, "Only the shop's owners and the cooperative's admins may do this.");
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
