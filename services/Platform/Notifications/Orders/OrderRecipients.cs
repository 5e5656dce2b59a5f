using Marketplace.Contracts;

namespace Marketplace.Platform.Notifications.Orders;

/// <summary>
/// Who to tell about an order, kept from its OrderPlaced (the later messages name only the order): the customer, the
/// language they ordered in, and what each shop's part is. Id = "{cooperative}:{order}".
/// </summary>
public sealed record OrderRecipient
{
    public required string Id { get; init; }
    public required Guid CustomerAccountId { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<OrderPart> Parts { get; init; }
    public required Money Total { get; init; }

    public static string IdOf(TenantId coop, Guid order) => $"{coop}:{order}";

    public OrderPart? Of(Guid shop) => Parts.FirstOrDefault(s => s.ShopId == shop);
}

/// <summary>A shop's part of the order as its mails tell it: what, how much, and how it is handed over.</summary>
public sealed record OrderPart(Guid ShopId, IReadOnlyList<OrderPartLine> Lines, Money Subtotal, HandOver HandOver);

public sealed record OrderPartLine(string? NameFr, string? NameEn, int Quantity);

/// <summary>A pickup slot (none when the shop did not say), or delivery to an address (its lines, joined).</summary>
public sealed record HandOver(DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, string? DeliveryAddress)
{
    public bool IsDelivery => DeliveryAddress is not null;
}

/// <summary>
/// What the Platform knows of a shop to write about it: its name and owners, from Catalog's ShopProfileChanged (the
/// highest Version wins, so duplicates and reordering change nothing). Id = "{cooperative}:{shop}".
/// </summary>
public sealed record ShopCard(string Id, long Version, string Name, IReadOnlyList<Guid> Owners)
{
    public static string IdOf(TenantId coop, Guid shop) => $"{coop}:{shop}";
}
