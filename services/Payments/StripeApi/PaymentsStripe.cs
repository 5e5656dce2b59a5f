using Marketplace.Contracts;
using Marketplace.Payments.Ledger;
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
        new PaymentIntentService(client).CaptureAsync(intentId, new PaymentIntentCaptureOptions { AmountToCapture = amount, Expand = ["latest_charge.balance_transaction"] }, Key($"order:{orderId}:capture"), cancellationToken);

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

    /// <summary>What Stripe says of an order's money now: its charge's captured and refunded amounts, and its transfer group's transfers.</summary>
    public async Task<StripeOrderMoney> MoneyOfAsync(Guid orderId, string intentId, CancellationToken cancellationToken)
    {
        var intent = await new PaymentIntentService(client).GetAsync(intentId, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: cancellationToken);
        var transfers = new List<StripeTransfer>();
        await foreach (var transfer in new TransferService(client).ListAutoPagingAsync(new TransferListOptions { TransferGroup = orderId.ToString(), Limit = 100 }, cancellationToken: cancellationToken))
        {
            var shop = transfer.Metadata?.TryGetValue(ShopKey, out var value) == true && Guid.TryParse(value, out var id) ? id : (Guid?)null;
            transfers.Add(new StripeTransfer(transfer.Id, shop, transfer.Amount, transfer.AmountReversed));
        }

        return new StripeOrderMoney(intent.LatestCharge?.AmountCaptured ?? 0, intent.LatestCharge?.AmountRefunded ?? 0, transfers, intent.LatestCharge?.BalanceTransaction?.Fee ?? 0);
    }

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
