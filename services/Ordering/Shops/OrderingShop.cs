using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Ordering.Shops;

public sealed record ShopOpenedForOrders(Guid ShopId, string Name, DateTimeOffset OpenedAt);

/// <summary>Ordering's own copy of a shop: what it needs to split a basket into sub-orders.</summary>
public sealed record OrderingShop(Guid Id, string Name, DateTimeOffset OpenedAt) : IEventSourced<OrderingShop>
{
    public static OrderingShop? Fold(OrderingShop? state, object change) => (state, change) switch
    {
        (null, ShopOpenedForOrders e) => new OrderingShop(e.ShopId, e.Name, e.OpenedAt),
        _ => state,
    };
}
