using JasperFx.Events;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Reservations;

public sealed record RequestedLine(Guid ProductId, int Quantity);

public sealed record Shortage(Guid ProductId, string Name, int Requested, int Available);

public abstract record ReserveOutcome
{
    public sealed record Placed(Reservation Reservation, bool Repeated) : ReserveOutcome;

    public sealed record NotEnough(IReadOnlyList<Shortage> Shortages) : ReserveOutcome;

    /// <summary>Some lines name no product of this cooperative (a mistyped id, or another cooperative's): nothing was held.</summary>
    public sealed record UnknownProducts(IReadOnlyList<Guid> ProductIds) : ReserveOutcome;

    /// <summary>The reservation id is already used by another account's checkout.</summary>
    public sealed record IdTaken : ReserveOutcome;
}

public enum CloseOutcome { Done, NotFound, NotHeld }

/// <summary>
/// Holds stock for checkouts. Every product of a request is locked (its stream row, FOR UPDATE, in id order so
/// two checkouts never deadlock) before anything is decided, so concurrent checkouts for the last units are served
/// one after the other: exactly as many succeed as there are units. All lines are held, or none.
/// </summary>
public sealed class ReservationDesk(CooperativeSessions sessions, CooperativeActivity activity, TimeProvider clock, ReservationSettings settings)
{
    public TimeSpan HoldFor => settings.HoldFor;

    public async Task<ReserveOutcome> ReserveAsync(TenantId coop, Guid reservationId, Guid holder, IReadOnlyList<RequestedLine> requested, CancellationToken cancellationToken)
    {
        try
        {
            return await PlaceAsync(coop, reservationId, holder, requested, cancellationToken);
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException || StoreFailures.IsUniqueViolation(e))
        {
            // The id is a reservation already (a retry, or another checkout's id): nothing of this attempt was kept.
            // Asked after the fact rather than before every checkout: a retry is rare, a round trip each time is not.
            await using var query = sessions.QuerySession(coop);
            if (await query.LoadAsync<Reservation>(reservationId, cancellationToken) is not { } existing)
            {
                throw;
            }

            return Existing(existing, holder);
        }
    }

    /// <summary>The answer to a checkout whose id is already a reservation: its own again, or someone else's.</summary>
    private static ReserveOutcome Existing(Reservation existing, Guid holder) =>
        existing.HolderId == holder ? new ReserveOutcome.Placed(existing, Repeated: true) : new ReserveOutcome.IdTaken();

    private async Task<ReserveOutcome> PlaceAsync(TenantId coop, Guid reservationId, Guid holder, IReadOnlyList<RequestedLine> requested, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var lines = requested.GroupBy(l => l.ProductId).Select(g => new RequestedLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId).ToList();
        var now = clock.GetUtcNow();
        var fetched = new List<(IEventStream<Product> Stream, RequestedLine Line)>();
        foreach (var line in lines)
        {
            fetched.Add((await session.Events.FetchForExclusiveWriting<Product>(line.ProductId, cancellationToken), line));
        }

        var products = (await session.WithHoldsAsync([.. fetched.Select(f => f.Stream.Aggregate).OfType<Product>()], reservationId, now, cancellationToken)).ToDictionary(p => p.Id);
        if (lines.Where(l => !products.ContainsKey(l.ProductId)).Select(l => l.ProductId).ToList() is { Count: > 0 } unknown)
        {
            return new ReserveOutcome.UnknownProducts(unknown); // bad input: nothing is written, not even the expiries due
        }

        var decided = new List<(IEventStream<Product> Stream, Product? Product, bool OnSale, Decision Decision, RequestedLine Line)>();
        var shops = new Dictionary<Guid, Shop?>();
        foreach (var (stream, line) in fetched)
        {
            var product = products.GetValueOrDefault(line.ProductId);
            var onSale = product is { IsActive: true } && await IsApprovedAsync(session, shops, product.ShopId, cancellationToken);
            var decision = product is null ? Decision.Unchanged
                : onSale ? StockLevel.Reserve(product.Stock, product.Id, product.ShopId, reservationId, line.Quantity, now, HoldFor)
                : StockLevel.ExpireDue(product.Stock, product.Id, product.ShopId, now);
            decided.Add((stream, product, onSale, decision, line));
        }

        var shortages = decided
            .Select(d => (d, Rejection: d.Decision.Events.OfType<StockReservationRejected>().FirstOrDefault()))
            .Where(x => !x.d.OnSale || x.Rejection is not null)
            .Select(x => new Shortage(x.d.Line.ProductId, x.d.Product?.Name.Fr ?? x.d.Product?.Name.En ?? string.Empty, x.d.Line.Quantity, x.Rejection?.Available ?? 0))
            .ToList();

        if (shortages.Count > 0)
        {
            if (await session.LoadAsync<Reservation>(reservationId, cancellationToken) is { } existing)
            {
                return Existing(existing, holder); // a retry of a checkout whose units have gone since (sold, or expired)
            }

            // Nothing is held; what is recorded is the expiries that were due and each rejection (events out).
            foreach (var d in decided.Where(d => d.Product is not null))
            {
                var rejected = d.Decision.Events.OfType<StockReservationRejected>().Any();
                d.Stream.AppendMany(rejected ? d.Decision.Events : StockLevel.ExpireDue(d.Product!.Stock, d.Product.Id, d.Product.ShopId, now).Events);
            }

            await session.SaveChangesAsync(cancellationToken);
            return new ReserveOutcome.NotEnough(shortages);
        }

        foreach (var d in decided)
        {
            d.Stream.AppendMany(d.Decision.Events);
        }

        var placed = new ReservationPlaced(
            reservationId,
            holder,
            [.. decided.Select(d => new ReservedLine(d.Product!.Id, d.Product.ShopId, d.Line.Quantity, d.Product.Price))],
            now + HoldFor,
            now);
        session.Events.StartStream<Reservation>(reservationId, placed);
        await session.SaveChangesAsync(cancellationToken);
        activity.Touched(coop); // the expiry sweeper comes back to this cooperative while the hold lives
        return new ReserveOutcome.Placed(Reservation.Fold(null, placed)!, Repeated: false);
    }

    public Task<(CloseOutcome Outcome, Reservation? Reservation)> CommitAsync(TenantId coop, Guid reservationId, CancellationToken cancellationToken) =>
        CloseAsync(coop, reservationId, null, cancellationToken);

    public Task<(CloseOutcome Outcome, Reservation? Reservation)> ReleaseAsync(TenantId coop, Guid reservationId, string reason, CancellationToken cancellationToken) =>
        CloseAsync(coop, reservationId, reason, cancellationToken);

    /// <summary>Releases every hold of the cooperative whose time is up; returns how many reservations expired.</summary>
    public async Task<int> ExpireDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = sessions.QuerySession(coop))
        {
            due = await query.Query<Reservation>()
                .Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt)
                .Select(r => r.Id)
                .Take(500)
                .ToListAsync(cancellationToken);
        }

        var expired = 0;
        foreach (var id in due)
        {
            var (outcome, reservation) = await CloseAsync(coop, id, ReleaseReason.Expired, cancellationToken);
            expired += outcome == CloseOutcome.Done && reservation?.Status == ReservationStatus.Expired ? 1 : 0;
        }

        return expired;
    }

    /// <summary>
    /// Commit (reason null) or release a held reservation, line by line, under the same locks as reserving.
    /// Repeating a close that already happened answers Done (releasing a closed one) or NotHeld (committing one
    /// that expired or was released).
    /// </summary>
    private async Task<(CloseOutcome, Reservation?)> CloseAsync(TenantId coop, Guid reservationId, string? releaseReason, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var reservationStream = await session.Events.FetchForExclusiveWriting<Reservation>(reservationId, cancellationToken);
        if (reservationStream.Aggregate is not { } reservation)
        {
            return (CloseOutcome.NotFound, null);
        }

        if (!reservation.IsHeld)
        {
            var alreadyDone = releaseReason is null ? reservation.Status == ReservationStatus.Committed : reservation.Status != ReservationStatus.Committed;
            return (alreadyDone ? CloseOutcome.Done : CloseOutcome.NotHeld, reservation);
        }

        var now = clock.GetUtcNow();
        var expired = reservation.ExpiresAt <= now;
        var reason = expired ? ReleaseReason.Expired : releaseReason;
        foreach (var line in reservation.Lines.OrderBy(l => l.ProductId))
        {
            var stream = await session.Events.FetchForExclusiveWriting<Product>(line.ProductId, cancellationToken);
            if (stream.Aggregate is not { } fetched)
            {
                continue;
            }

            var product = await session.WithHoldsAsync(fetched, reservationId, now, cancellationToken);

            var decision = reason is null
                ? StockLevel.Commit(product.Stock, product.Id, product.ShopId, reservationId, now)
                : StockLevel.Release(product.Stock, product.Id, product.ShopId, reservationId, reason, now);
            stream.AppendMany(decision.Events);
        }

        object closed = reason is null ? new ReservationCommitted(reservationId, now) : new ReservationReleased(reservationId, reason, now);
        reservationStream.AppendOne(closed);
        await session.SaveChangesAsync(cancellationToken);
        var after = Reservation.Fold(reservation, closed);
        return (releaseReason is null && expired ? CloseOutcome.NotHeld : CloseOutcome.Done, after);
    }

    private static async Task<bool> IsApprovedAsync(IDocumentSession session, Dictionary<Guid, Shop?> shops, Guid shopId, CancellationToken cancellationToken)
    {
        if (!shops.TryGetValue(shopId, out var shop))
        {
            shops[shopId] = shop = await session.LoadAsync<Shop>(shopId, cancellationToken);
        }

        return shop is { IsApproved: true };
    }
}
