using Marketplace.Catalog.Common;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Catalog.Shops;

public sealed record ShopAddress(string Line1, string? Line2, string Postcode, string City);

/// <summary>One opening period: day is "monday".."sunday", times "HH:mm" (a day may have several periods).</summary>
public sealed record OpeningPeriod(string Day, string Opens, string Closes);

public sealed record Fulfilment(bool Pickup, bool Delivery, LocalizedText? DeliveryNote);

public sealed record ShopContact(string Email, string? Phone, string? Website);

/// <summary>Where the shop is on a map (ADR 49): degrees, WGS 84, at most 6 decimals (about 10 cm).</summary>
public sealed record ShopLocation(decimal Latitude, decimal Longitude);

/// <summary>
/// What a shop tells its customers about itself. Its location is optional (ADR 49): details recorded before it have none.
/// </summary>
public sealed record ShopDetails(
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod>? OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact,
    ShopLocation? Location = null)
{
    /// <summary>What an admin needs before approving: where it is, how to reach it, how customers get their goods.</summary>
    public bool IsComplete => Address is not null && Contact is not null && Fulfilment is { } f && (f.Pickup || f.Delivery);
}

public sealed record ShopRegistered(Guid ShopId, string Name, DateTimeOffset RegisteredAt, ShopDetails? Details = null, Guid? Owner = null);

public sealed record ShopDetailsChanged(Guid ShopId, ShopDetails Details, DateTimeOffset ChangedAt);

public sealed record ShopApproved(Guid ShopId, string Name, Guid? ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>An admin asked the owners to change something before approval (ADR 46): the shop waits on them until they save its details again.</summary>
public sealed record ShopChangesRequested(Guid ShopId, string Message, Guid? RequestedBy, DateTimeOffset RequestedAt);

/// <summary>An admin refused the shop (ADR 46): it stays refused, never listed nor sold.</summary>
public sealed record ShopRefused(Guid ShopId, string Reason, Guid? RefusedBy, DateTimeOffset RefusedAt);

/// <summary>What the admin last told the owners about their shop (changes asked, or why it is refused), and when.</summary>
public sealed record ShopReviewNote(string Status, string Message, DateTimeOffset At);

public sealed record ShopOwnerAdded(Guid ShopId, Guid AccountId, DateTimeOffset AddedAt);

/// <summary>An owner (or an admin) took an account off the shop's owners (ADR 48); a shop always keeps one owner.</summary>
public sealed record ShopOwnerRemoved(Guid ShopId, Guid AccountId, Guid? RemovedBy, DateTimeOffset RemovedAt);

/// <summary>
/// The shop's whole profile after a change, appended beside every change of it (registered, details changed, owner added,
/// approved, closures set): the relay tells it to the other services as ShopProfileChanged, versioned by this event's place
/// in the stream. Closures are the upcoming ones when it was recorded (null in profiles recorded before ADR 42 was amended).
/// </summary>
public sealed record ShopProfileRecorded(
    Guid ShopId, string Name, bool Approved, IReadOnlyList<Guid> Owners, IReadOnlyList<OpeningPeriod> OpeningHours, bool Pickup, bool Delivery, string? ContactEmail, DateTimeOffset At,
    string? Address = null, IReadOnlyList<ShopClosure>? Closures = null);

/// <summary>
/// A stretch of days the shop is closed whatever its weekly hours say (holidays, an inventory day): from and to are
/// days in the cooperative's time zone, both closed.
/// </summary>
public sealed record ShopClosure(DateOnly From, DateOnly To, LocalizedText? Reason)
{
    /// <summary>Today in the cooperative's time zone: a closure is upcoming while it has not ended before today.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Marketplace.Contracts.CooperativeTime.Zone).DateTime);
}

/// <summary>The shop's upcoming closures replaced by these (ADR 42); the ones that ended before the change are dropped.</summary>
public sealed record ShopClosuresSet(Guid ShopId, IReadOnlyList<ShopClosure> Closures, DateTimeOffset SetAt);

/// <summary>Ordering confirmed it takes orders for the shop.</summary>
public sealed record ShopOpenedForOrders(Guid ShopId, DateTimeOffset OpenedAt);

public static class ShopStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";

    /// <summary>An admin asked for changes: back to pending when the owners save the shop's details again.</summary>
    public const string ChangesRequested = "changesRequested";

    /// <summary>An admin refused the shop: it stays so.</summary>
    public const string Refused = "refused";
}

/// <summary>Why a shop refuses a change: stable codes, translated by the clients.</summary>
public static class ShopRefusals
{
    /// <summary>Approval needs the address, a contact and pickup or delivery (<see cref="ShopDetails.IsComplete"/>).</summary>
    public const string Incomplete = "shop.incomplete";

    /// <summary>Only a pending shop is approved, refused or asked for changes (ADR 46).</summary>
    public const string NotPending = "shop.not_pending";

    /// <summary>The account named is not one of the shop's owners (ADR 48).</summary>
    public const string NotAnOwner = "shop.not_an_owner";

    /// <summary>A shop keeps at least one owner: its last one is not removed (ADR 48).</summary>
    public const string LastOwner = "shop.last_owner";
}

/// <summary>A shop of the cooperative: event-sourced, its snapshot kept inline for reads. Deciders return a Decision; only Fold changes state.</summary>
public sealed record Shop(
    Guid Id,
    ShopDetails Details,
    IReadOnlyList<Guid> Owners,
    string Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt,
    bool AcceptsOrders,
    IReadOnlyList<ShopClosure>? Closures = null,
    ShopReviewNote? Review = null) : IEventSourced<Shop>
{
    public string Name => Details.Name;

    public bool IsApproved => Status == ShopStatus.Approved;

    public static Shop? Fold(Shop? state, object change) => (state, change) switch
    {
        (null, ShopRegistered e) => new Shop(
            e.ShopId, e.Details ?? new ShopDetails(e.Name, null, null, null, null, null), e.Owner is { } owner ? [owner] : [],
            ShopStatus.Pending, e.RegisteredAt, null, false),
        ({ } shop, ShopDetailsChanged e) => shop with
        {
            Details = e.Details,
            Status = shop.Status == ShopStatus.ChangesRequested ? ShopStatus.Pending : shop.Status,
        },
        ({ } shop, ShopApproved e) => shop with { Status = ShopStatus.Approved, ApprovedAt = e.ApprovedAt, Review = null },
        ({ } shop, ShopChangesRequested e) => shop with { Status = ShopStatus.ChangesRequested, Review = new(ShopStatus.ChangesRequested, e.Message, e.RequestedAt) },
        ({ } shop, ShopRefused e) => shop with { Status = ShopStatus.Refused, Review = new(ShopStatus.Refused, e.Reason, e.RefusedAt) },
        ({ } shop, ShopOwnerAdded e) => shop.Owners.Contains(e.AccountId) ? shop : shop with { Owners = [.. shop.Owners, e.AccountId] },
        ({ } shop, ShopOwnerRemoved e) => shop with { Owners = [.. shop.Owners.Where(owner => owner != e.AccountId)] },
        ({ } shop, ShopOpenedForOrders) => shop with { AcceptsOrders = true },
        ({ } shop, ShopClosuresSet e) => shop with { Closures = e.Closures },
        _ => state,
    };

    /// <summary>A shop's first events: its registration and the profile it starts with.</summary>
    public static IReadOnlyList<object> Register(ShopRegistered registered) => [registered, Fold(null, registered)!.Profile(registered.RegisteredAt)];

    /// <summary>
    /// New details; the same again change nothing, except on a shop the admin asked to change: saving its details,
    /// even unchanged, sends it back to the admins (pending).
    /// </summary>
    public Decision ChangeDetails(ShopDetails details, DateTimeOffset now) => Told(
        Status != ShopStatus.ChangesRequested && details with { OpeningHours = null } == Details with { OpeningHours = null } && (details.OpeningHours ?? []).SequenceEqual(Details.OpeningHours ?? [])
            ? Decision.Unchanged
            : Decision.To(new ShopDetailsChanged(Id, details, now)),
        now);

    /// <summary>
    /// The upcoming closures become these; those that ended before today are forgotten, so the same upcoming list again
    /// changes nothing. The profile the other services copy carries them (ADR 42, amended): Ordering refuses a pickup on a closed day.
    /// </summary>
    public Decision SetClosures(IReadOnlyList<ShopClosure> closures, DateTimeOffset now) =>
        Told(closures.SequenceEqual(UpcomingClosures(now)) ? Decision.Unchanged : Decision.To(new ShopClosuresSet(Id, closures, now)), now);

    /// <summary>The closures that have not ended before today (in the cooperative's time zone), first first.</summary>
    public IReadOnlyList<ShopClosure> UpcomingClosures(DateTimeOffset now)
    {
        var today = ShopClosure.Today(now);
        return [.. (Closures ?? []).Where(c => c.To >= today).OrderBy(c => c.From).ThenBy(c => c.To)];
    }

    public Decision AddOwner(Guid account, DateTimeOffset now) =>
        Told(Owners.Contains(account) ? Decision.Unchanged : Decision.To(new ShopOwnerAdded(Id, account, now)), now);

    /// <summary>
    /// An account stops being an owner (ADR 48): 404 shop.not_an_owner when it is not one, 409 shop.last_owner when it is the
    /// only one left (a shop always has someone to run it). Owners may remove themselves while another remains.
    /// </summary>
    public Decision RemoveOwner(Guid account, Guid? by, DateTimeOffset now) => Told(
        !Owners.Contains(account) ? Decision.Refuse(ShopRefusals.NotAnOwner)
        : Owners.Count == 1 ? Decision.Refuse(ShopRefusals.LastOwner)
        : Decision.To(new ShopOwnerRemoved(Id, account, by, now)),
        now);

    /// <summary>An admin approves a pending shop whose details are complete; approving again changes nothing.</summary>
    public Decision Approve(Guid? by, DateTimeOffset now) => Told(
        IsApproved ? Decision.Unchanged
        : Status != ShopStatus.Pending ? Decision.Refuse(ShopRefusals.NotPending)
        : !Details.IsComplete ? Decision.Refuse(ShopRefusals.Incomplete)
        : Decision.To(new ShopApproved(Id, Name, by, now)),
        now);

    /// <summary>An admin asks the owners of a pending shop to change something (ADR 46); the profile the other services know does not change.</summary>
    public Decision RequestChanges(string message, Guid? by, DateTimeOffset now) =>
        Status != ShopStatus.Pending ? Decision.Refuse(ShopRefusals.NotPending) : Decision.To(new ShopChangesRequested(Id, message, by, now));

    /// <summary>An admin refuses a pending shop, saying why (ADR 46); it stays unapproved for good.</summary>
    public Decision Refuse(string reason, Guid? by, DateTimeOffset now) =>
        Status != ShopStatus.Pending ? Decision.Refuse(ShopRefusals.NotPending) : Decision.To(new ShopRefused(Id, reason, by, now));

    /// <summary>What the other services know of the shop (ShopProfileChanged).</summary>
    public ShopProfileRecorded Profile(DateTimeOffset at) => new(
        Id, Name, IsApproved, Owners, Details.OpeningHours ?? [], Details.Fulfilment?.Pickup ?? false, Details.Fulfilment?.Delivery ?? false, Details.Contact?.Email, at,
        Details.Address is { } a ? string.Join(", ", new[] { a.Line1, a.Line2, $"{a.Postcode} {a.City}" }.Where(part => !string.IsNullOrWhiteSpace(part))) : null,
        UpcomingClosures(at));

    /// <summary>A decision that changes the shop also records its whole profile after the change, in the same append.</summary>
    private Decision Told(Decision decision, DateTimeOffset now) =>
        decision.Events.Count == 0 ? decision : decision with { Events = [.. decision.Events, EventSourced.Fold(this, decision.Events)!.Profile(now)] };
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
    bool AcceptsOrders,
    Photos.PhotoResponse? Photo = null,
    IReadOnlyList<ShopClosure>? Closures = null,
    ShopReviewNote? Review = null,
    decimal? Latitude = null,
    decimal? Longitude = null)
{
    /// <summary>The shop as the API answers it; with <paramref name="now"/>, its closures that have not ended yet (none without it).</summary>
    public static ShopResponse From(Shop shop, DateTimeOffset? now = null) => new(
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
        shop.AcceptsOrders,
        Closures: now is { } at ? shop.UpcomingClosures(at) : [],
        Review: shop.Review,
        Latitude: shop.Details.Location?.Latitude,
        Longitude: shop.Details.Location?.Longitude);
}
