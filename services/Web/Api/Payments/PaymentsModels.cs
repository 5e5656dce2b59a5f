using Marketplace.Contracts;

namespace Marketplace.Web.Api.Payments;

// Payments' answers as the web app reads them, held against docs/openapi/payments.json by ApiSchemaTests.

/// <summary>
/// An order's payment as its customer sees it (GET /api/coops/{coop}/orders/{order}/payment): while pending, the
/// hosted page to pay on (the local Stripe sandbox's, which takes a return_url to come back to).
/// </summary>
public sealed record OrderPayment(
    Guid OrderId, string Status, Money Amount, string? PayUrl, DateTimeOffset PayBy, DateTimeOffset? AuthorisedAt, string? FailureReason, Money? Captured);

/// <summary>A shop's Stripe connection (GET .../shops/{shop}/payouts): not-connected, onboarding or can-receive-transfers.</summary>
public sealed record ShopPayouts(Guid ShopId, string State, string? AccountId);

/// <summary>Where the owner continues the account's onboarding with Stripe (POST .../payouts/onboarding).</summary>
public sealed record OnboardingLink(Guid ShopId, string AccountId, string State, string Url, DateTimeOffset ExpiresAt);

/// <summary>One line of a shop's statement: a sale, a refund, a transfer or a transfer taken back, and the balance owed after it.</summary>
public sealed record StatementRow(
    DateTimeOffset At, Guid OrderId, string Kind, string? Reference, Money Sale, Money CommissionNet, Money CommissionVat, Money Owed, Money Transferred, Money Balance);

/// <summary>A shop's statement over a period (GET .../payouts/statement?from=&amp;to=).</summary>
public sealed record ShopStatement(
    Guid ShopId, DateOnly From, DateOnly To, Money OpeningBalance, Money Sales, Money CommissionNet, Money CommissionVat, Money Owed, Money Transferred,
    Money ClosingBalance, IReadOnlyList<StatementRow> Rows);

/// <summary>What a receipt, credit note or commission invoice says, as far as the pages list it.</summary>
public sealed record PaymentDocumentContent(string Kind, string IssuerName, string? RecipientName, Guid ShopId, Guid? OrderId, string? Period, long Total, string Currency);

/// <summary>A document issued by a shop or the cooperative (GET .../payments/documents/{id}; the order's and the shop's lists).</summary>
public sealed record PaymentDocument(Guid Id, string Number, DateTimeOffset IssuedAt, string? CorrectsNumber, PaymentDocumentContent Content);

/// <summary>The cooperative's fee policy in force (GET .../payments/fee-policy): rates in basis points; Version is the next change's expectedVersion; History every version.</summary>
public sealed record FeePolicy(int Version, DateTimeOffset? EffectiveSince, int FeeRate, string FeeBase, int FeeVatRate, string StripeRefundFeeBorneBy, IReadOnlyList<FeePolicyVersion> History);

/// <summary>One version of the fee policy: set by an admin (SetBy) or adopted by the members' vote (ProposalId).</summary>
public sealed record FeePolicyVersion(int Version, DateTimeOffset? EffectiveSince, int FeeRate, string FeeBase, int FeeVatRate, string StripeRefundFeeBorneBy, Guid? SetBy, Guid? ProposalId);

/// <summary>New terms for the fee (PUT .../payments/fee-policy), in force for orders placed from now on.</summary>
public sealed record NewFeePolicy(int ExpectedVersion, int FeeRate, string FeeBase, int FeeVatRate, string StripeRefundFeeBorneBy);

/// <summary>An account's debits and credits over the period (per shop for a shop's payable account).</summary>
public sealed record LedgerAccountTotal(string Account, Guid? ShopId, string Currency, long Debit, long Credit);

/// <summary>One posting of the ledger.</summary>
public sealed record LedgerPosting(DateTimeOffset At, Guid OrderId, string Kind, string Account, Guid? ShopId, long Debit, long Credit, string Currency, string? Reference);

/// <summary>The ledger over a period, a page of its postings (GET .../payments/ledger?from=&amp;to=&amp;page=&amp;pageSize=).</summary>
public sealed record Ledger(DateOnly From, DateOnly To, bool Balanced, IReadOnlyList<LedgerAccountTotal> Accounts, IReadOnlyList<LedgerPosting> Rows, int Page, int PageSize, long Total) : IPaged;

/// <summary>One difference between the ledger and Stripe.</summary>
public sealed record ReconciliationDifference(Guid OrderId, Guid? ShopId, string Item, long Ledger, long Stripe, string? Reference);

/// <summary>The ledger compared with Stripe over a period (GET .../payments/reconciliation?from=&amp;to=).</summary>
public sealed record Reconciliation(DateOnly From, DateOnly To, int OrdersChecked, bool Clean, IReadOnlyList<ReconciliationDifference> Differences);

/// <summary>A day the nightly job reconciled with Stripe (GET .../payments/reconciliation/reports?from=&amp;to=).</summary>
public sealed record NightlyReconciliation(DateOnly Day, DateTimeOffset CheckedAt, int OrdersChecked, bool Clean, IReadOnlyList<ReconciliationDifference> Differences);
