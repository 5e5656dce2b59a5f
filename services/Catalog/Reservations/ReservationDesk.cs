using System.Collections.Concurrent;
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
/// one after the other: exactly as many succeed as there are units. All lines are held, or none; they are closed
/// (sold or released) line by line, as each shop of an order answers.
/// </summary>
public sealed class ReservationDesk(CooperativeSessions sessions, CooperativeDeadlines deadlines, TimeProvider clock, ReservationSettings settings)
{
    public TimeSpan HoldFor => settings.HoldFor;

    public async Task<ReserveOutcome> ReserveAsync(TenantId coop, Guid reservationId, Guid holder, IReadOnlyList<RequestedLine> requested, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = sessions.OpenSession(coop);
            var outcome = await PlaceAsync(session, coop, reservationId, holder, requested, clock.GetUtcNow() + HoldFor, unknownIsShort: false, cancellationToken);
            if (outcome is not ReserveOutcome.UnknownProducts)
            {
                await session.SaveChangesAsync(cancellationToken); // bad input writes nothing, not even the expiries due
            }

            return outcome;
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

    /// <summary>
    /// An order's hold (ADR 27), in the caller's session and transaction (the consumer's, with its message id): every
    /// line is held under the order's id until <paramref name="holdUntil"/>, or nothing is and the refusal is recorded
    /// (an unknown product is short with none available, as an archived one or one of a shop not approved). An order
    /// already decided on (held, refused, closed since) changes nothing: answers false.
    /// </summary>
    public async Task<bool> HoldOrderAsync(
        IDocumentSession session, TenantId coop, Guid orderId, Guid holder, IReadOnlyList<RequestedLine> requested, DateTimeOffset holdUntil, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Reservation>(orderId, cancellationToken) is not null)
        {
            return false;
        }

        var outcome = await PlaceAsync(session, coop, orderId, holder, requested, holdUntil, unknownIsShort: true, cancellationToken);
        if (outcome is ReserveOutcome.NotEnough shortIn)
        {
            session.Events.StartStream<Reservation>(orderId, new OrderHoldRefused(orderId, holder, shortIn.Shortages, clock.GetUtcNow()));
        }

        return outcome is ReserveOutcome.Placed or ReserveOutcome.NotEnough;
    }

    /// <summary>The answer to a checkout whose id is already a reservation: its own again, or someone else's.</summary>
    private static ReserveOutcome Existing(Reservation existing, Guid holder) =>
        existing.HolderId == holder ? new ReserveOutcome.Placed(existing, Repeated: true) : new ReserveOutcome.IdTaken();

    /// <summary>Decides and appends in <paramref name="session"/>; the caller saves (or not, for bad input).</summary>
    private async Task<ReserveOutcome> PlaceAsync(
        IDocumentSession session, TenantId coop, Guid reservationId, Guid holder, IReadOnlyList<RequestedLine> requested, DateTimeOffset expiresAt, bool unknownIsShort,
        CancellationToken cancellationToken)
    {
        var lines = requested.GroupBy(l => l.ProductId).Select(g => new RequestedLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId).ToList();
        var now = clock.GetUtcNow();
        var fetched = new List<(IEventStream<Product> Stream, RequestedLine Line)>();
        foreach (var line in lines)
        {
            fetched.Add((await session.Events.FetchForExclusiveWriting<Product>(line.ProductId, cancellationToken), line));
        }

        var products = (await session.WithHoldsAsync([.. fetched.Select(f => f.Stream.Aggregate).OfType<Product>()], reservationId, now, cancellationToken)).ToDictionary(p => p.Id);
        if (!unknownIsShort && lines.Where(l => !products.ContainsKey(l.ProductId)).Select(l => l.ProductId).ToList() is { Count: > 0 } unknown)
        {
            return new ReserveOutcome.UnknownProducts(unknown);
        }

        var decided = new List<(IEventStream<Product> Stream, Product? Product, bool OnSale, Decision Decision, RequestedLine Line)>();
        var shops = new Dictionary<Guid, Shop?>();
        foreach (var (stream, line) in fetched)
        {
            var product = products.GetValueOrDefault(line.ProductId);
            var onSale = product is { IsActive: true } && await IsApprovedAsync(session, shops, product.ShopId, cancellationToken);
            var decision = product is null ? Decision.Unchanged
                : onSale ? StockLevel.Reserve(product.Stock, product.Id, product.ShopId, reservationId, line.Quantity, now, expiresAt - now)
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
            expiresAt,
            now);
        session.Events.StartStream<Reservation>(reservationId, placed);
        deadlines.Due(coop, expiresAt); // the expiry sweeper comes back to this cooperative when the hold's time is up
        return new ReserveOutcome.Placed(Reservation.Fold(null, placed)!, Repeated: false);
    }

    /// <summary>Commits the lines of <paramref name="products"/> still held (every line when null), in a session of its own.</summary>
    public async Task<(CloseOutcome Outcome, Reservation? Reservation)> CommitAsync(TenantId coop, Guid reservationId, IReadOnlyCollection<Guid>? products, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var closed = await CloseAsync(session, reservationId, products, null, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return closed;
    }

    /// <summary>Releases every line still held, in a session of its own.</summary>
    public async Task<(CloseOutcome Outcome, Reservation? Reservation)> ReleaseAsync(TenantId coop, Guid reservationId, string reason, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var closed = await CloseAsync(session, reservationId, null, reason, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return closed;
    }

    /// <summary>Commits the lines of <paramref name="products"/> still held, in the caller's session (the caller saves).</summary>
    public Task<(CloseOutcome Outcome, Reservation? Reservation)> CommitLinesAsync(IDocumentSession session, Guid reservationId, IReadOnlyCollection<Guid> products, CancellationToken cancellationToken) =>
        CloseAsync(session, reservationId, products, null, cancellationToken);

    /// <summary>Releases the lines of <paramref name="products"/> (every line when null) still held, in the caller's session (the caller saves).</summary>
    public Task<(CloseOutcome Outcome, Reservation? Reservation)> ReleaseLinesAsync(
        IDocumentSession session, Guid reservationId, IReadOnlyCollection<Guid>? products, string reason, CancellationToken cancellationToken) =>
        CloseAsync(session, reservationId, products, reason, cancellationToken);

    /// <summary>
    /// Releases every hold of the cooperative whose time is up (500 at most a visit), then tells the sweeper when the
    /// next one is: a cooperative is visited when a hold falls due, never polled while its holds live. Returns how many
    /// reservations expired.
    /// </summary>
    public async Task<int> ExpireDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        const int PerVisit = 500;
        var now = clock.GetUtcNow();
        List<(Guid Id, DateTimeOffset ExpiresAt)> held;
        await using (var query = sessions.QuerySession(coop))
        {
            held = [.. (await query.Query<Reservation>()
                .Where(r => r.Status == ReservationStatus.Held)
                .OrderBy(r => r.ExpiresAt)
                .Select(r => new { r.Id, r.ExpiresAt })
                .Take(PerVisit + 1)
                .ToListAsync(cancellationToken)).Select(r => (r.Id, r.ExpiresAt))];
        }

        var due = held.Where(r => r.ExpiresAt <= now).Take(PerVisit).ToList();
        if (due.Count == PerVisit)
        {
            deadlines.Due(coop, now); // more are due: the next tick goes on
        }
        else if (held.Count > due.Count)
        {
            deadlines.Due(coop, held[due.Count].ExpiresAt);
        }

        var expired = 0;
        foreach (var (id, _) in due)
        {
            var (outcome, reservation) = await ReleaseAsync(coop, id, ReleaseReason.Expired, cancellationToken);
            expired += outcome == CloseOutcome.Done && reservation?.Status == ReservationStatus.Expired ? 1 : 0;
        }

        return expired;
    }

    /// <summary>
    /// Commit (reason null) or release the lines of a reservation still held — those of <paramref name="products"/>, or
    /// every one when null — under the same locks as reserving (the reservation's row, then each product's in id order).
    /// A line whose time is up is released as expired instead, whatever was asked. Repeating a close that already
    /// happened answers Done (releasing what is closed, committing what was sold) or NotHeld (committing what
    /// expired or was released).
    /// </summary>
    private async Task<(CloseOutcome, Reservation?)> CloseAsync(
        IDocumentSession session, Guid reservationId, IReadOnlyCollection<Guid>? products, string? releaseReason, CancellationToken cancellationToken)
    {
        var reservationStream = await session.Events.FetchForExclusiveWriting<Reservation>(reservationId, cancellationToken);
        if (reservationStream.Aggregate is not { } reservation)
        {
            return (CloseOutcome.NotFound, null);
        }

        var open = reservation.OpenLines.Where(l => products is null || products.Contains(l.ProductId)).OrderBy(l => l.ProductId).ToList();
        if (open.Count == 0)
        {
            var asked = reservation.Lines.Select(l => l.ProductId).Where(p => products is null || products.Contains(p)).ToList();
            var sold = reservation.CommittedLines is { } lines ? asked.All(lines.Contains) : reservation.Status == ReservationStatus.Committed;
            var alreadyDone = releaseReason is not null || sold;
            return (alreadyDone ? CloseOutcome.Done : CloseOutcome.NotHeld, reservation);
        }

        var now = clock.GetUtcNow();
        var expired = reservation.ExpiresAt <= now;
        var reason = expired ? ReleaseReason.Expired : releaseReason;
        var committed = new List<Guid>();
        var released = new List<Guid>();
        foreach (var line in open)
        {
            var stream = await session.Events.FetchForExclusiveWriting<Product>(line.ProductId, cancellationToken);
            if (stream.Aggregate is not { } fetched)
            {
                released.Add(line.ProductId);
                continue;
            }

            var product = await session.WithHoldsAsync(fetched, reservationId, now, cancellationToken);
            var decision = reason is null
                ? StockLevel.Commit(product.Stock, product.Id, product.ShopId, reservationId, now)
                : StockLevel.Release(product.Stock, product.Id, product.ShopId, reservationId, reason, now);
            stream.AppendMany(decision.Events);
            (reason is null && !decision.IsRefused ? committed : released).Add(line.ProductId);
        }

        var closed = new List<object>();
        if (committed.Count > 0)
        {
            closed.Add(new ReservationLinesCommitted(reservationId, committed, now));
        }

        if (released.Count > 0)
        {
            closed.Add(new ReservationLinesReleased(reservationId, released, reason ?? ReleaseReason.Expired, now));
        }

        reservationStream.AppendMany(closed);
        var after = EventSourced.Fold(reservation, closed);
        return (releaseReason is null && released.Count > 0 ? CloseOutcome.NotHeld : CloseOutcome.Done, after);
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
