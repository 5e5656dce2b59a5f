using Marketplace.Catalog.Common;

namespace Marketplace.Catalog.Shops;

public sealed record ShopAddress(string Line1, string? Line2, string Postcode, string City);

/// <summary>One opening period: day is "monday".."sunday", times "HH:mm" (a day may have several periods).</summary>
public sealed record OpeningPeriod(string Day, string Opens, string Closes);

public sealed record Fulfilment(bool Pickup, bool Delivery, LocalizedText? DeliveryNote);

public sealed record ShopContact(string Email, string? Phone, string? Website);

/// <summary>What a shop tells its customers about itself.</summary>
public sealed record ShopDetails(
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod>? OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact)
{
    /// <summary>What an admin needs before approving: where it is, how to reach it, how customers get their goods.</summary>
    public bool IsComplete => Address is not null && Contact is not null && Fulfilment is { } f && (f.Pickup || f.Delivery);
}

public sealed record ShopRegistered(Guid ShopId, string Name, DateTimeOffset RegisteredAt, ShopDetails? Details = null, Guid? Owner = null);

public sealed record ShopDetailsChanged(Guid ShopId, ShopDetails Details, DateTimeOffset ChangedAt);

public sealed record ShopApproved(Guid ShopId, string Name, Guid? ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record ShopOwnerAdded(Guid ShopId, Guid AccountId, DateTimeOffset AddedAt);

/// <summary>Ordering confirmed it takes orders for the shop.</summary>
public sealed record ShopOpenedForOrders(Guid ShopId, DateTimeOffset OpenedAt);

public static class ShopStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
}

/// <summary>A shop of the cooperative: event-sourced, its snapshot kept inline for reads.</summary>
public sealed record Shop(
    Guid Id,
    ShopDetails Details,
    IReadOnlyList<Guid> Owners,
    string Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt,
    bool AcceptsOrders)
{
    public string Name => Details.Name;

    public bool IsApproved => Status == ShopStatus.Approved;

    public static Shop Create(ShopRegistered registered) => new(
        registered.ShopId,
        registered.Details ?? new ShopDetails(registered.Name, null, null, null, null, null),
        registered.Owner is { } owner ? [owner] : [],
        ShopStatus.Pending,
        registered.RegisteredAt,
        null,
        false);

    public Shop Apply(ShopDetailsChanged changed) => this with { Details = changed.Details };

    public Shop Apply(ShopApproved approved) => this with { Status = ShopStatus.Approved, ApprovedAt = approved.ApprovedAt };

    public Shop Apply(ShopOwnerAdded added) => Owners.Contains(added.AccountId) ? this : this with { Owners = [.. Owners, added.AccountId] };

    public Shop Apply(ShopOpenedForOrders opened) => this with { AcceptsOrders = true };
}

public sealed record ShopResponse(
    Guid Id,
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod> OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact,
    IReadOnlyList<Guid> Owners,
    string Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt,
    bool AcceptsOrders)
{
    public static ShopResponse From(Shop shop) => new(
        shop.Id,
        shop.Name,
        shop.Details.Description,
        shop.Details.Address,
        shop.Details.OpeningHours ?? [],
        shop.Details.Fulfilment,
        shop.Details.Contact,
        shop.Owners,
        shop.Status,
        shop.RegisteredAt,
        shop.ApprovedAt,
        shop.AcceptsOrders);
}
