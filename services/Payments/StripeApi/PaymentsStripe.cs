using Marketplace.Contracts;
using Marketplace.Payments.Orders;
using Stripe;

namespace Marketplace.Payments.StripeApi;

/// <summary>
/// Every call Payments makes to Stripe, each with its deterministic idempotency key (ADR 27): a retried or redelivered
/// message lands on the same PaymentIntent, capture, transfer and account, whatever happened in between.
/// </summary>
public sealed class PaymentsStripe(IStripeClient client, StripeSettings settings)
{
    public const string CooperativeKey = "cooperative";
    public const string OrderKey = "order";
    public const string ShopKey = "shop";

    public StripeSettings Settings { get; } = settings;

    public Task<PaymentIntent> AuthoriseAsync(TenantId coop, Guid orderId, Money total, CancellationToken cancellationToken) =>
        new PaymentIntentService(client).CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = total.Minor,
                Currency = total.Currency.ToLowerInvariant(),
                CaptureMethod = "manual",
                TransferGroup = orderId.ToString(),
                Metadata = new Dictionary<string, string> { [CooperativeKey] = coop.Value, [OrderKey] = orderId.ToString() },
            },
            Key($"order:{orderId}:authorise"),
            cancellationToken);

    public Task<PaymentIntent> GetIntentAsync(string intentId, CancellationToken cancellationToken) =>
        new PaymentIntentService(client).GetAsync(intentId, cancellationToken: cancellationToken);

    public Task<PaymentIntent> CaptureAsync(Guid orderId, string intentId, long amount, CancellationToken cancellationToken) =>
        new PaymentIntentService(client).CaptureAsync(intentId, new PaymentIntentCaptureOptions { AmountToCapture = amount }, Key($"order:{orderId}:capture"), cancellationToken);

    public Task<PaymentIntent> CancelAsync(Guid orderId, string intentId, CancellationToken cancellationToken) =>
        new PaymentIntentService(client).CancelAsync(intentId, new PaymentIntentCancelOptions(), Key($"order:{orderId}:cancel"), cancellationToken);

    public Task<Transfer> TransferAsync(TenantId coop, Guid orderId, Guid shopId, string accountId, Money amount, string? chargeId, CancellationToken cancellationToken) =>
        new TransferService(client).CreateAsync(
            new TransferCreateOptions
            {
                Amount = amount.Minor,
                Currency = amount.Currency.ToLowerInvariant(),
                Destination = accountId,
                TransferGroup = orderId.ToString(),
                SourceTransaction = chargeId,
                Metadata = new Dictionary<string, string> { [CooperativeKey] = coop.Value, [OrderKey] = orderId.ToString(), [ShopKey] = shopId.ToString() },
            },
            Key($"order:{orderId}:shop:{shopId}:transfer"),
            cancellationToken);

    public Task<Refund> RefundAsync(TenantId coop, Guid refundId, Guid orderId, string intentId, long amount, CancellationToken cancellationToken) =>
        new RefundService(client).CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = intentId,
                Amount = amount,
                Metadata = new Dictionary<string, string> { [CooperativeKey] = coop.Value, [OrderKey] = orderId.ToString(), ["refund"] = refundId.ToString() },
            },
            Key($"refund:{refundId}"),
            cancellationToken);

    public Task<TransferReversal> ReverseAsync(Guid refundId, string transferId, long amount, CancellationToken cancellationToken) =>
        new TransferReversalService(client).CreateAsync(
            transferId,
            new TransferReversalCreateOptions { Amount = amount, Metadata = new Dictionary<string, string> { ["refund"] = refundId.ToString() } },
            Key($"refund:{refundId}:reversal"),
            cancellationToken);

    public Task<Account> OpenAccountAsync(TenantId coop, Guid shopId, CancellationToken cancellationToken) =>
        new AccountService(client).CreateAsync(
            new AccountCreateOptions
            {
                Type = "express",
                Country = Settings.AccountCountry,
                Metadata = new Dictionary<string, string> { [CooperativeKey] = coop.Value, [ShopKey] = shopId.ToString() },
            },
            Key($"coop:{coop.Value}:shop:{shopId}:account"),
            cancellationToken);

    public Task<Account> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        new AccountService(client).GetAsync(accountId, cancellationToken: cancellationToken);

    /// <summary>A fresh onboarding link each time (links expire and serve once): no idempotency key.</summary>
    public Task<AccountLink> LinkAsync(string accountId, string refreshUrl, string returnUrl, CancellationToken cancellationToken) =>
        new AccountLinkService(client).CreateAsync(
            new AccountLinkCreateOptions { Account = accountId, RefreshUrl = refreshUrl, ReturnUrl = returnUrl, Type = "account_onboarding" },
            cancellationToken: cancellationToken);

    public static IntentState StateOf(PaymentIntent intent) =>
        new(intent.Status, intent.AmountCapturable, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code, new DateTimeOffset(DateTime.SpecifyKind(intent.Created, DateTimeKind.Utc)));

    public static bool CanReceiveTransfers(Account account) => account.Capabilities?.Transfers == "active";

    private static RequestOptions Key(string key) => new() { IdempotencyKey = key };
}
