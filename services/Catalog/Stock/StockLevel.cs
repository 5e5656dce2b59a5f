using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Catalog.Stock;

public static class StockAdjustmentReason
{
    public const string Restock = "restock";
    public const string SaleInShop = "sale-in-shop";
    public const string Correction = "correction";

    /// <summary>
    /// The shop counted its shelf and said how many there are: the adjustment is the difference to that count, so the
    /// history keeps both what changed and that it was a count (the count itself is on hand after it).
    /// </summary>
    public const string Count = "count";
}

public static class ReleaseReason
{
    public const string Cancelled = "cancelled";
    public const string Refused = "refused";
    public const string Expired = "expired";
}

// Stock events live in the product's stream.
public sealed record StockAdjusted(Guid ProductId, int Quantity, string Reason, string? Note, Guid? By, DateTimeOffset At);

public sealed record StockReserved(Guid ProductId, Guid ReservationId, int Quantity, DateTimeOffset ExpiresAt, DateTimeOffset At);

public sealed record StockReservationRejected(Guid ProductId, Guid ReservationId, int Requested, int Available, DateTimeOffset At);

public sealed record StockReleased(Guid ProductId, Guid ReservationId, int Quantity, string Reason, DateTimeOffset At);

public sealed record StockCommitted(Guid ProductId, Guid ReservationId, int Quantity, DateTimeOffset At);

public sealed record ProductOutOfStock(Guid ProductId, Guid ShopId, DateTimeOffset At);

public sealed record ProductBackInStock(Guid ProductId, Guid ShopId, int Available, DateTimeOffset At);

public sealed record Hold(int Quantity, DateTimeOffset ExpiresAt);

/// <summary>Why stock refuses a change: stable codes, translated by the clients.</summary>
public static class StockRefusals
{
    /// <summary>A restock that removes units, a sale that adds some, a correction of nothing.</summary>
    public const string WrongSign = "stock.wrong_sign";

    /// <summary>Removing more units than there are on hand (a sale or correction of more than the stock).</summary>
    public const string NotEnoughOnHand = "stock.not_enough";

    /// <summary>On hand would go below what is held for checkouts.</summary>
    public const string BelowReserved = "stock.below_reserved";

    /// <summary>Committing a reservation that holds nothing (any more) of this product.</summary>
    public const string NotHeld = "stock.not_held";
}

/// <summary>
/// A product's stock: units on hand and the units held for open checkouts. Available = on hand − reserved, never
/// below zero. The snapshot keeps the two totals only; each hold is a row of its own (<see cref="StockHolds"/>), and
/// <see cref="Holds"/> carries the holds a decision needs, loaded beside the snapshot: the ones whose time is up and
/// the checkout's own. So a product costs the same to read and write however many checkouts hold it. Every decision
/// first lets the holds whose time is up expire, so an expired hold never blocks a sale nor gets committed, whether or
/// not the sweeper has passed yet. Deciders return a Decision; only Fold changes state.
/// </summary>
public sealed record StockLevel(int OnHand, int Reserved)
{
    public static readonly StockLevel Empty = new(0, 0);

    /// <summary>The holds known to this decision (all of them when folded from the stream's start), never stored in the snapshot.</summary>
    [JsonIgnore]
    public ImmutableDictionary<Guid, Hold> Holds { get; init; } = ImmutableDictionary<Guid, Hold>.Empty;

    public int Available => OnHand - Reserved;

    public StockLevel Fold(object change) => change switch
    {
        StockAdjusted e => this with { OnHand = OnHand + e.Quantity },
        StockReserved e => this with { Reserved = Reserved + e.Quantity, Holds = Holds.SetItem(e.ReservationId, new Hold(e.Quantity, e.ExpiresAt)) },
        StockReleased e => this with { Reserved = Reserved - e.Quantity, Holds = Holds.Remove(e.ReservationId) },
        StockCommitted e => this with { OnHand = OnHand - e.Quantity, Reserved = Reserved - e.Quantity, Holds = Holds.Remove(e.ReservationId) },
        _ => this,
    };

    public static Decision Reserve(StockLevel stock, Guid productId, Guid shopId, Guid reservationId, int quantity, DateTimeOffset now, TimeSpan holdFor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return Decide(stock, productId, shopId, now, current =>
            current.Holds.ContainsKey(reservationId) ? [] // already held under this reservation: a retry, not a second hold
            : current.Available >= quantity ? [new StockReserved(productId, reservationId, quantity, now + holdFor, now)]
            : [new StockReservationRejected(productId, reservationId, quantity, current.Available, now)]);
    }

    /// <summary>The stock a product is listed with: a restock, and no "back in stock" (it was never out).</summary>
    public static IReadOnlyList<object> Initial(Guid productId, int units, string? note, Guid? by, DateTimeOffset now) =>
        units > 0 ? [new StockAdjusted(productId, units, StockAdjustmentReason.Restock, note, by, now)] : [];

    public static Decision Commit(StockLevel stock, Guid productId, Guid shopId, Guid reservationId, DateTimeOffset now) =>
        Decide(stock, productId, shopId, now, current =>
            current.Holds.TryGetValue(reservationId, out var hold)
                ? [new StockCommitted(productId, reservationId, hold.Quantity, now)]
                : null,
            StockRefusals.NotHeld);

    public static Decision Release(StockLevel stock, Guid productId, Guid shopId, Guid reservationId, string reason, DateTimeOffset now) =>
        Decide(stock, productId, shopId, now, current =>
            current.Holds.TryGetValue(reservationId, out var hold)
                ? [new StockReleased(productId, reservationId, hold.Quantity, reason, now)]
                : []); // nothing held (any more): releasing again changes nothing

    public static Decision ExpireDue(StockLevel stock, Guid productId, Guid shopId, DateTimeOffset now) =>
        Decide(stock, productId, shopId, now, _ => []);

    public static Decision Adjust(StockLevel stock, Guid productId, Guid shopId, int quantity, string reason, string? note, Guid? by, DateTimeOffset now)
    {
        var wrongSign = reason switch
        {
            StockAdjustmentReason.Restock => quantity <= 0,
            StockAdjustmentReason.SaleInShop => quantity >= 0,
            StockAdjustmentReason.Correction => quantity == 0,
            _ => true,
        };
        // The reason told is the one that applies: selling 5 of the 3 on hand is "not that many on hand", whether or
        // not checkouts hold some; "held for checkouts" only when the units are there but promised.
        string? refusal = null;
        var decision = Decide(stock, productId, shopId, now, current =>
        {
            refusal = wrongSign ? StockRefusals.WrongSign
                : current.OnHand + quantity < 0 ? StockRefusals.NotEnoughOnHand
                : current.OnHand + quantity < current.Reserved ? StockRefusals.BelowReserved
                : null;
            return refusal is null ? [new StockAdjusted(productId, quantity, reason, note, by, now)] : null;
        });
        return decision.IsRefused ? decision with { Refusal = refusal } : decision;
    }

    /// <summary>
    /// The shop counted <paramref name="onHand"/> units on its shelf: the difference to the units on hand is recorded
    /// as an adjustment for a count. A count below what checkouts hold is refused (those units are promised; the shop
    /// finds them or cancels the orders first); the count on hand already changes nothing, so a retried request
    /// never applies twice. Decided after the due holds expire, like every change, so the count is compared with
    /// what is held now.
    /// </summary>
    public static Decision Count(StockLevel stock, Guid productId, Guid shopId, int onHand, string? note, Guid? by, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        return Decide(stock, productId, shopId, now, current =>
            current.OnHand == onHand ? []
            : onHand < current.Reserved ? null
            : [new StockAdjusted(productId, onHand - current.OnHand, StockAdjustmentReason.Count, note, by, now)]);
    }

    /// <summary>
    /// Expires due holds, then asks <paramref name="decide"/> (null = refused; the expiries are still worth
    /// appending but a refusal reports nothing else), and adds the out-of-stock / back-in-stock transition.
    /// </summary>
    private static Decision Decide(
        StockLevel stock, Guid productId, Guid shopId, DateTimeOffset now, Func<StockLevel, IReadOnlyList<object>?> decide, string refusal = StockRefusals.BelowReserved)
    {
        var events = new List<object>();
        var current = stock;
        foreach (var (reservationId, hold) in stock.Holds.Where(h => h.Value.ExpiresAt <= now).OrderBy(h => h.Key))
        {
            var expired = new StockReleased(productId, reservationId, hold.Quantity, ReleaseReason.Expired, now);
            events.Add(expired);
            current = current.Fold(expired);
        }

        var decided = decide(current);
        foreach (var e in decided ?? [])
        {
            events.Add(e);
            current = current.Fold(e);
        }

        if (stock.Available > 0 && current.Available == 0)
        {
            events.Add(new ProductOutOfStock(productId, shopId, now));
        }
        else if (stock.Available == 0 && current.Available > 0)
        {
            events.Add(new ProductBackInStock(productId, shopId, current.Available, now));
        }

        return new Decision(events, decided is null ? refusal : null);
    }
}
