using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Payments.Shops;

/// <summary>A shop's payouts as the owners see them: not connected, onboarding (account made, transfers not active yet), or able to receive transfers.</summary>
public static class PayoutStates
{
    public const string NotConnected = "not-connected";
    public const string Onboarding = "onboarding";
    public const string CanReceiveTransfers = "can-receive-transfers";
}

/// <summary>Catalog told the shop's profile (ShopProfileChanged): the owners of its highest version are the ones who may connect it.</summary>
public sealed record ShopProfileNoted(Guid ShopId, long Version, string Name, IReadOnlyList<Guid> Owners, string? Address = null);

/// <summary>The shop's Stripe connected account was made (once: its idempotency key is the shop's).</summary>
public sealed record ShopAccountOpened(Guid ShopId, string AccountId, DateTimeOffset At);

/// <summary>Stripe says the account can (or no longer can) receive transfers: Ordering hears it as ShopPayoutsChanged.</summary>
public sealed record ShopTransfersCapabilityChanged(Guid ShopId, bool CanReceiveTransfers, DateTimeOffset At);

/// <summary>A shop's connected account (stream id = the shop id).</summary>
public sealed record ShopPayouts(Guid Id, long ProfileVersion, string Name, IReadOnlyList<Guid> Owners, string? AccountId, bool CanReceiveTransfers, string? Address = null)
    : IEventSourced<ShopPayouts>
{
    public string State => AccountId is null ? PayoutStates.NotConnected : CanReceiveTransfers ? PayoutStates.CanReceiveTransfers : PayoutStates.Onboarding;

    public static ShopPayouts? Fold(ShopPayouts? state, object change) => (state, change) switch
    {
        (null, ShopProfileNoted e) => new ShopPayouts(e.ShopId, e.Version, e.Name, e.Owners, null, false, e.Address),
        ({ } s, ShopProfileNoted e) when e.Version > s.ProfileVersion => s with { ProfileVersion = e.Version, Name = e.Name, Owners = e.Owners, Address = e.Address },
        (null, ShopAccountOpened e) => new ShopPayouts(e.ShopId, 0, "", [], e.AccountId, false),
        ({ } s, ShopAccountOpened e) => s with { AccountId = e.AccountId },
        ({ } s, ShopTransfersCapabilityChanged e) => s with { CanReceiveTransfers = e.CanReceiveTransfers },
        _ => state,
    };

    /// <summary>A profile newer than the one kept (duplicates and older versions change nothing).</summary>
    public static Decision Note(ShopPayouts? state, ShopProfileNoted profile) =>
        state is null || profile.Version > state.ProfileVersion ? Decision.To(profile) : Decision.Unchanged;

    /// <summary>What Stripe says of the account's transfers capability now.</summary>
    public static Decision Observe(ShopPayouts state, bool canReceiveTransfers, DateTimeOffset now) =>
        state.AccountId is not null && state.CanReceiveTransfers != canReceiveTransfers
            ? Decision.To(new ShopTransfersCapabilityChanged(state.Id, canReceiveTransfers, now))
            : Decision.Unchanged;
}
