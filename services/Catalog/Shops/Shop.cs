namespace Marketplace.Catalog.Shops;

public sealed record ShopRegistered(Guid ShopId, string Name, DateTimeOffset RegisteredAt);

/// <summary>Ordering confirmed it takes orders for the shop.</summary>
public sealed record ShopOpenedForOrders(Guid ShopId, DateTimeOffset OpenedAt);

/// <summary>A shop of the cooperative: event-sourced, its snapshot kept inline for reads.</summary>
public sealed record Shop(Guid Id, string Name, DateTimeOffset RegisteredAt, bool AcceptsOrders)
{
    public static Shop Create(ShopRegistered registered) => new(registered.ShopId, registered.Name, registered.RegisteredAt, false);

    public Shop Apply(ShopOpenedForOrders opened) => this with { AcceptsOrders = true };
}

public sealed record ShopResponse(Guid Id, string Name, DateTimeOffset RegisteredAt, bool AcceptsOrders)
{
    public static ShopResponse From(Shop shop) => new(shop.Id, shop.Name, shop.RegisteredAt, shop.AcceptsOrders);
}
