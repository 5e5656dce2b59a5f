namespace Marketplace.Ordering.Shops;

public sealed record ShopOpenedForOrders(Guid ShopId, string Name, DateTimeOffset OpenedAt);

/// <summary>Ordering's own copy of a shop: what it needs to split a basket into sub-orders.</summary>
public sealed record OrderingShop(Guid Id, string Name, DateTimeOffset OpenedAt)
{
    public static OrderingShop Create(ShopOpenedForOrders opened) => new(opened.ShopId, opened.Name, opened.OpenedAt);
}
