using Marketplace.Contracts;

namespace Marketplace.Web.Api.Ordering;

// Ordering's orders as a shop's owners and the cooperative's admins read them, each held against Ordering's OpenAPI
// document (docs/openapi/ordering.json) by tests/Marketplace.UnitTests/Web/ApiSchemaTests.cs. Named apart from the
// customer's records (OrderingModels.cs) so that each side reads only what it shows.

/// <summary>One line of a sub-order, its price frozen at checkout (VAT included; VatRate in basis points).</summary>
public sealed record ShopOrderLine(Guid ProductId, string? NameFr, string? NameEn, int Quantity, Money UnitPrice, int VatRate);

/// <summary>Where the customer gets it: a delivery address.</summary>
public sealed record ShopOrderAddress(string Line1, string? Line2, string Postcode, string City, string Country);

/// <summary>How the shop hands it over: kind "pickup" (a slot) or "delivery" (an address, a fee).</summary>
public sealed record ShopOrderFulfilment(string Kind, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, ShopOrderAddress? Address, Money? DeliveryFee)
{
    public bool IsDelivery => Kind == "delivery";
}

/// <summary>A shop's part of an order: its lines, how it is handed over, its subtotal and where it stands.</summary>
public sealed record ShopOrderPart(
    Guid ShopId, string ShopName, IReadOnlyList<ShopOrderLine> Lines, ShopOrderFulfilment Fulfilment, Money Subtotal, string Status, string? Reason, string? Note, DateTimeOffset UpdatedAt);

/// <summary>A sub-order in the shop's queue (GET /api/coops/{coop}/shops/{shop}/orders): the customer's name and e-mail, and only this shop's part.</summary>
public sealed record ShopOrder(Guid OrderId, string OrderStatus, string CustomerName, string? CustomerEmail, DateTimeOffset PlacedAt, DateTimeOffset? AnswerBy, ShopOrderPart SubOrder);

public sealed record ShopOrdersPage(IReadOnlyList<ShopOrder> Items, int Page, int PageSize, long Total) : IPaged;

/// <summary>An order as the cooperative's admins list it (GET /api/coops/{coop}/admin/orders).</summary>
public sealed record CoopOrder(
    Guid Id, Guid CustomerId, string Status, string? EndReason, IReadOnlyList<ShopOrderPart> SubOrders, Money Total, Money? Captured, DateTimeOffset PlacedAt, DateTimeOffset? AnswerBy, DateTimeOffset UpdatedAt, string CustomerName);

public sealed record CoopOrdersPage(IReadOnlyList<CoopOrder> Items, int Page, int PageSize, long Total) : IPaged;

/// <summary>POST …/refuse: why the shop refuses (shown to the customer as written).</summary>
public sealed record ShopOrderRefusal(string? Note);

/// <summary>POST …/cancel: why the shop cannot fulfil what it accepted (shown to the customer as written).</summary>
public sealed record ShopOrderCancellation(string Reason);
