using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Ordering.Shops;

/// <summary>One opening period of a shop: Day "monday".."sunday", Opens and Closes "HH:mm", in the cooperative's time zone.</summary>
public sealed record OpeningPeriod(string Day, string Opens, string Closes);

/// <summary>Days the shop is closed whatever its weekly hours say (holidays): From and To both closed, in the cooperative's time zone.</summary>
public sealed record ClosedDays(DateOnly From, DateOnly To);

/// <summary>
/// Catalog told the shop's whole profile (its stream's <paramref name="Version"/>): kept when newer than the copy's.
/// Closures null when Catalog did not tell them (a profile older than ADR 42's amendment): the copy keeps those it knew.
/// </summary>
public sealed record ShopProfileCopied(
    Guid ShopId,
    long Version,
    string Name,
    bool Approved,
    IReadOnlyList<Guid> Owners,
    IReadOnlyList<OpeningPeriod> OpeningHours,
    bool Pickup,
    bool Delivery,
    string? ContactEmail,
    DateTimeOffset At,
    IReadOnlyList<ClosedDays>? Closures = null);

/// <summary>Payments told whether the shop's connected account can receive transfers (as of <paramref name="At"/>).</summary>
public sealed record ShopPayoutsCopied(Guid ShopId, bool CanReceiveTransfers, DateTimeOffset At);

/// <summary>The shop takes orders for the first time (approved and able to receive transfers).</summary>
public sealed record ShopOpenedForOrders(Guid ShopId, string Name, DateTimeOffset OpenedAt);

/// <summary>
/// Ordering's own copy of a shop, kept by Catalog's ShopProfileChanged and Payments' ShopPayoutsChanged: its name,
/// owners (who answer its orders), opening hours, closures and ways of handing over. It takes orders while approved AND able to
/// receive transfers (ADR 27).
/// </summary>
/// <remarks>Not "Version": Marten sets a property of that name to the stream's version.</remarks>
public sealed record OrderingShop(
    Guid Id,
    string Name,
    long ProfileVersion,
    bool Approved,
    IReadOnlyList<Guid> Owners,
    IReadOnlyList<OpeningPeriod> OpeningHours,
    bool Pickup,
    bool Delivery,
    string? ContactEmail,
    bool CanReceiveTransfers,
    DateTimeOffset? PayoutsAt,
    DateTimeOffset? OpenedAt,
    IReadOnlyList<ClosedDays>? Closures = null) : IEventSourced<OrderingShop>
{
    public bool TakesOrders => Approved && CanReceiveTransfers;

    /// <summary>Whether the shop is closed on this day (in the cooperative's time zone) by one of its closures.</summary>
    public bool ClosedOn(DateOnly day) => (Closures ?? []).Any(c => c.From <= day && day <= c.To);

    public static OrderingShop? Fold(OrderingShop? state, object change) => change switch
    {
        ShopProfileCopied e => (state ?? Empty(e.ShopId)) with
        {
            Name = e.Name,
            ProfileVersion = e.Version,
            Approved = e.Approved,
            Owners = e.Owners,
            OpeningHours = e.OpeningHours,
            Pickup = e.Pickup,
            Delivery = e.Delivery,
            ContactEmail = e.ContactEmail,
            Closures = e.Closures ?? state?.Closures,
        },
        ShopPayoutsCopied e => (state ?? Empty(e.ShopId)) with { CanReceiveTransfers = e.CanReceiveTransfers, PayoutsAt = e.At },
        // Before ADR 33 a shop was opened on registration, with its name: such streams start with this event.
        ShopOpenedForOrders e => (state ?? Empty(e.ShopId) with { Name = e.Name }) with { OpenedAt = e.OpenedAt },
        _ => state,
    };

    private static OrderingShop Empty(Guid id) => new(id, "", 0, false, [], [], false, false, null, false, null, null);
}

/// <summary>What a fact about a shop changes in Ordering's copy; duplicates and older facts change nothing.</summary>
public static class OrderingShopRules
{
    public static Decision CopyProfile(OrderingShop? shop, ShopProfileCopied profile, DateTimeOffset now)
    {
        if (shop is not null && shop.ProfileVersion >= profile.Version)
        {
            return Decision.Unchanged;
        }

        return WithOpening(shop, profile, now);
    }

    public static Decision CopyPayouts(OrderingShop? shop, ShopPayoutsCopied payouts, DateTimeOffset now)
    {
        if (shop?.PayoutsAt is { } known && known >= payouts.At)
        {
            return Decision.Unchanged;
        }

        return WithOpening(shop, payouts, now);
    }

    /// <summary>The fact, and the shop opened for orders when this fact first makes it take orders.</summary>
    private static Decision WithOpening(OrderingShop? shop, object fact, DateTimeOffset now)
    {
        var after = OrderingShop.Fold(shop, fact)!;
        return after is { TakesOrders: true, OpenedAt: null }
            ? Decision.To(fact, new ShopOpenedForOrders(after.Id, after.Name, now))
            : Decision.To(fact);
    }
}
