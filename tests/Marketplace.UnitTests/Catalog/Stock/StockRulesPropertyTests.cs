using System.Collections.Immutable;
using CsCheck;
using Marketplace.Catalog.Stock;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Catalog.Stock;

/// <summary>
/// The stock decider against a model simple enough to be obviously right: random sequences of reservations,
/// commits, releases, adjustments, counts and the passing of time, checked step by step (CsCheck shrinks a failure to
/// the shortest sequence that shows it).
/// </summary>
public sealed class StockRulesPropertyTests
{
    private static readonly Guid Product = Guid.NewGuid();
    private static readonly Guid Shop = Guid.NewGuid();
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    // A small pool of reservation ids, so that operations often hit a reservation that exists (or did).
    private static readonly Guid[] Reservations = [.. Enumerable.Range(1, 6).Select(i => new Guid(i, 0, 0, new byte[8]))];

    private static readonly string[] Reasons = [StockAdjustmentReason.Restock, StockAdjustmentReason.SaleInShop, StockAdjustmentReason.Correction];

    private static readonly Gen<Op> Operation = Gen.OneOf<Op>(
        Gen.Select(Gen.Int[0, 5], Gen.Int[1, 6], (r, q) => (Op)new Reserve(Reservations[r], q)),
        Gen.Int[0, 5].Select(r => (Op)new Commit(Reservations[r])),
        Gen.Int[0, 5].Select(r => (Op)new Release(Reservations[r])),
        Gen.Select(Gen.Int[-8, 8], Gen.Int[0, 2].Select(i => Reasons[i]), (q, why) => (Op)new Adjust(q, why)),
        Gen.Int[0, 12].Select(units => (Op)new Count(units)),
        Gen.Int[1, 20].Select(minutes => (Op)new Wait(TimeSpan.FromMinutes(minutes))));

    [Fact]
    public void The_decider_agrees_with_the_model_and_never_sells_a_unit_twice() =>
        Operation.Array[1, 60].Sample(Run, iter: 3000);

    private static void Run(Op[] operations)
    {
        var stock = StockLevel.Empty;
        var model = new Model();
        var now = Start;
        foreach (var op in operations)
        {
            if (op is Wait wait)
            {
                now += wait.Time;
                continue;
            }

            var availableBefore = stock.Available;
            var decision = Decide(stock, op, now);
            var accepted = model.Do(op, now);

            // The service decides with the holds it loads beside the snapshot (those due, and the checkout's own), not
            // all of them: that must decide exactly the same.
            var loaded = stock with { Holds = stock.Holds.Where(h => h.Value.ExpiresAt <= now || h.Key == IdOf(op)).ToImmutableDictionary() };
            var fromLoaded = Decide(loaded, op, now);
            Assert.Equal(decision.Events, fromLoaded.Events);
            Assert.Equal(decision.Refusal, fromLoaded.Refusal);

            // Same answer as the model...
            var decidedYes = op is Reserve ? !decision.Events.OfType<StockReservationRejected>().Any() : !decision.IsRefused;
            Assert.True(accepted == decidedYes, $"{op} at {now:t}: model {(accepted ? "accepts" : "refuses")}, decider {(decidedYes ? "accepts" : "refuses")}");

            // ...and the same state once its events are applied.
            stock = decision.Events.Aggregate(stock, (s, e) => s.Fold(e));
            Assert.Equal(model.OnHand, stock.OnHand);
            Assert.Equal(model.Holds.Values.Sum(h => h.Quantity), stock.Reserved);
            Assert.Equal(model.Holds.OrderBy(h => h.Key), stock.Holds.Select(h => KeyValuePair.Create(h.Key, (h.Value.Quantity, h.Value.ExpiresAt))).OrderBy(h => h.Key));

            // Never oversold: what is held never exceeds what is on hand.
            Assert.True(stock.Available >= 0, $"available {stock.Available} after {op}");
            Assert.True(stock.OnHand >= 0);

            // Out of stock is announced exactly when the last available unit goes, back in stock when one returns.
            Assert.Equal(availableBefore > 0 && stock.Available == 0, decision.Events.OfType<ProductOutOfStock>().Any());
            Assert.Equal(availableBefore == 0 && stock.Available > 0, decision.Events.OfType<ProductBackInStock>().Any());
            // A refusal appends nothing but the expiries that were due.
            if (decision.IsRefused)
            {
                Assert.All(decision.Events, e => Assert.True(e is StockReleased { Reason: ReleaseReason.Expired } or ProductBackInStock, e.ToString()));
            }
        }
    }

    private static Decision Decide(StockLevel stock, Op op, DateTimeOffset now) => op switch
    {
        Reserve r => StockLevel.Reserve(stock, Product, Shop, r.Id, r.Quantity, now, HoldFor),
        Commit c => StockLevel.Commit(stock, Product, Shop, c.Id, now),
        Release r => StockLevel.Release(stock, Product, Shop, r.Id, ReleaseReason.Cancelled, now),
        Adjust a => StockLevel.Adjust(stock, Product, Shop, a.Quantity, a.Reason, null, null, now),
        Count c => StockLevel.Count(stock, Product, Shop, c.OnHand, null, null, now),
        _ => throw new InvalidOperationException(),
    };

    private static Guid? IdOf(Op op) => op switch
    {
        Reserve r => r.Id,
        Commit c => c.Id,
        Release r => r.Id,
        _ => null,
    };

    /// <summary>The rules as a customer would state them, with plain collections.</summary>
    private sealed class Model
    {
        public int OnHand { get; private set; }

        public Dictionary<Guid, (int Quantity, DateTimeOffset ExpiresAt)> Holds { get; } = [];

        public bool Do(Op op, DateTimeOffset now)
        {
            foreach (var expired in Holds.Where(h => h.Value.ExpiresAt <= now).Select(h => h.Key).ToList())
            {
                Holds.Remove(expired); // a hold whose time is up holds nothing
            }

            var held = Holds.Values.Sum(h => h.Quantity);
            switch (op)
            {
                case Reserve r when Holds.ContainsKey(r.Id):
                    return true; // the same checkout again: already held
                case Reserve r when OnHand - held >= r.Quantity:
                    Holds[r.Id] = (r.Quantity, now + HoldFor);
                    return true;
                case Reserve:
                    return false;
                case Commit c when Holds.Remove(c.Id, out var hold):
                    OnHand -= hold.Quantity; // sold: the units leave the shelf
                    return true;
                case Commit:
                    return false; // paid too late: the units went back on sale
                case Release r:
                    Holds.Remove(r.Id);
                    return true;
                case Adjust a:
                    var rightSign = a.Reason switch
                    {
                        StockAdjustmentReason.Restock => a.Quantity > 0,
                        StockAdjustmentReason.SaleInShop => a.Quantity < 0,
                        _ => a.Quantity != 0,
                    };
                    if (!rightSign || OnHand + a.Quantity < held)
                    {
                        return false;
                    }

                    OnHand += a.Quantity;
                    return true;
                case Count c:
                    if (c.OnHand < held)
                    {
                        return false; // the counted units cannot be fewer than those promised to checkouts
                    }

                    OnHand = c.OnHand;
                    return true;
                default:
                    throw new InvalidOperationException();
            }
        }
    }

    private abstract record Op;

    private sealed record Reserve(Guid Id, int Quantity) : Op;

    private sealed record Commit(Guid Id) : Op;

    private sealed record Release(Guid Id) : Op;

    private sealed record Adjust(int Quantity, string Reason) : Op;

    private sealed record Count(int OnHand) : Op;

    private sealed record Wait(TimeSpan Time) : Op;
}
