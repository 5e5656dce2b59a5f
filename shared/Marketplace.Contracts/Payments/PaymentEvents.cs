namespace Marketplace.Contracts.Payments;
// What Payments tells the order process (ADR 27). Payments keeps the money facts (authorisations, captures,
// transfers, fees, refunds, its ledger); Ordering only needs to know where the order's payment stands.

/// <summary>
/// The customer's payment is authorised for Amount (not captured). Ordering now asks the shops; Payments will cancel
/// the authorisation itself if no capture instruction comes before CaptureBefore (Stripe's limit, minus a margin),
/// after telling Ordering with <see cref="PaymentAuthorisationLapsing"/>.
/// </summary>
public sealed record PaymentAuthorised(TenantId Tenant, Guid OrderId, Money Amount, DateTimeOffset AuthorisedAt, DateTimeOffset CaptureBefore) : IIntegrationEvent;

/// <summary>The payment did not go through (declined, abandoned, expired): nothing was charged. Reason is Stripe's code when there is one.</summary>
public sealed record PaymentFailed(TenantId Tenant, Guid OrderId, string Reason, DateTimeOffset At) : IIntegrationEvent;

/// <summary>The authorisation will lapse soon and the shops have not all answered: Ordering ends the unanswered sub-orders now.</summary>
public sealed record PaymentAuthorisationLapsing(TenantId Tenant, Guid OrderId, DateTimeOffset CaptureBefore) : IIntegrationEvent;

/// <summary>Amount was captured (what the shops accepted) and the rest of the authorisation released; the transfers to the shops follow.</summary>
public sealed record PaymentCaptured(TenantId Tenant, Guid OrderId, Money Amount, DateTimeOffset CapturedAt) : IIntegrationEvent;

/// <summary>The authorisation was voided (order cancelled, or nothing accepted): the customer was never charged.</summary>
public sealed record PaymentCancelled(TenantId Tenant, Guid OrderId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>The refund went through, and the shop's transfer and the cooperative's fee were reversed in proportion.</summary>
public sealed record RefundCompleted(TenantId Tenant, Guid RefundId, Guid OrderId, Guid ShopId, Money Amount, DateTimeOffset At) : IIntegrationEvent;

/// <summary>Stripe refused the refund (Reason is its code): an admin of the cooperative has to look at it.</summary>
public sealed record RefundFailed(TenantId Tenant, Guid RefundId, Guid OrderId, Guid ShopId, string Reason, DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// Whether the shop's Stripe connected account can receive transfers now. Ordering takes orders for a shop only when it
/// is approved and this is true; it changes whenever Stripe says so (account.updated).
/// </summary>
public sealed record ShopPayoutsChanged(TenantId Tenant, Guid ShopId, bool CanReceiveTransfers, DateTimeOffset At) : IIntegrationEvent;
