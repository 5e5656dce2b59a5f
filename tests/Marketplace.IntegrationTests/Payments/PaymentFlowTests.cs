using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Ordering;
using Marketplace.Contracts.Payments;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.IntegrationTests.StripeSandbox;
using Marketplace.Payments.Invoicing;
using Marketplace.Payments.Ledger;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Marketplace.IntegrationTests.Payments;

/// <summary>
/// The money flow (ADR 27, ADR 34) with the real broker, PostgreSQL and the local Stripe sandbox as an HTTP server that
/// Payments reaches through Stripe.net: the test stands in for Ordering and Catalog by publishing their messages.
/// </summary>
public sealed class PaymentFlowTests : MarketplaceTest
{
    private readonly Dictionary<Guid, Guid> _owners = [];
    private TenantId _coop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
    }

    [Fact]
    public async Task An_order_awaiting_payment_gets_one_manual_capture_intent_its_customer_pays_and_Payments_says_authorised()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        var awaiting = Awaiting(order, customer, (Guid.NewGuid(), 1_250));

        // Delivered twice (a redelivery): one PaymentIntent all the same
        await PublishAsync(awaiting);
        await PublishAsync(awaiting);
        var pending = await PaymentOfAsync(order, customer);

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(1_250, pending.GetProperty("amount").GetProperty("minor").GetInt64());
        var intentId = IntentOf(pending);
        Assert.StartsWith($"{App.Stripe.Url}/pay/{intentId}?client_secret=", pending.GetProperty("payUrl").GetString(), StringComparison.Ordinal);
        var intent = await new PaymentIntentService(App.Stripe.Client()).GetAsync(intentId);
        Assert.Equal("manual", intent.CaptureMethod);
        Assert.Equal(order.ToString(), intent.TransferGroup);
        Assert.Equal(_coop.Value, intent.Metadata["cooperative"]);
        Assert.Equal(order.ToString(), intent.Metadata["order"]);
        Assert.Single(await IntentsCreatedForAsync(order));

        await PayAsync(intentId, "succeed");

        var authorised = (PaymentAuthorised)(await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order)).Message;
        Assert.Equal(new Money(1_250, "EUR"), authorised.Amount);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(intent.Created, DateTimeKind.Utc)) + TimeSpan.FromDays(7) - TimeSpan.FromHours(12), authorised.CaptureBefore);
        var read = await PaymentOfAsync(order, customer, "authorised");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("payUrl").ValueKind);
        Assert.Single(App.Probe.Of<PaymentAuthorised>(m => m.OrderId == order));
    }

    [Fact]
    public async Task Only_the_orders_customer_or_an_admin_reads_its_payment()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (Guid.NewGuid(), 800)));
        await PaymentOfAsync(order, customer);

        using var other = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        using var otherAdmin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{await App.OnboardAsync()}:admin"));
        using var anonymous = App.PaymentsClient();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(PaymentRoute(order))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(PaymentRoute(order))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(PaymentRoute(order))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(PaymentRoute(order))).StatusCode);
        using var unknown = await admin.GetAsync(PaymentRoute(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("payments.payment_not_found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_declined_card_makes_the_payment_fail_with_Stripes_code()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (Guid.NewGuid(), 990)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));

        await PayAsync(intentId, "decline");

        var failed = (PaymentFailed)(await App.Probe.WaitForAsync<PaymentFailed>(m => m.OrderId == order)).Message;
        Assert.Equal("generic_decline", failed.Reason);
        Assert.Equal("generic_decline", (await PaymentOfAsync(order, customer, "failed")).GetProperty("failureReason").GetString());
        Assert.Empty(App.Probe.Of<PaymentAuthorised>(m => m.OrderId == order));
    }

    [Fact]
    public async Task Tampered_stale_or_unsigned_webhooks_are_refused_with_400_and_change_nothing()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (Guid.NewGuid(), 700)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));
        var (body, signature) = App.Stripe.Received.All.First(r => r.Body.Contains(intentId, StringComparison.Ordinal) && r.Body.Contains("payment_intent.created", StringComparison.Ordinal));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tampered = body.Replace("requires_payment_method", "requires_capture", StringComparison.Ordinal);
        using var payments = App.PaymentsClient();

        var answers = new[]
        {
            await PostWebhookAsync(payments, tampered, signature),
            await PostWebhookAsync(payments, tampered, Marketplace.StripeSandbox.Webhooks.Signature(SandboxServer.WebhookSecret.Replace("tests", "other", StringComparison.Ordinal), now, tampered)),
            await PostWebhookAsync(payments, body, Marketplace.StripeSandbox.Webhooks.Signature(SandboxServer.WebhookSecret, now - 3_600, body)),
            await PostWebhookAsync(payments, body, null),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.All(answers, a => Assert.Equal("payments.webhook_signature", a.Code));
        // The genuine one, as Stripe sends it, is accepted
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(payments, body, Marketplace.StripeSandbox.Webhooks.Signature(SandboxServer.WebhookSecret, now, body))).Status);
        // And so is the same event delivered many times at once (Stripe retries while the sandbox delivers): counted once, never a 500
        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostWebhookAsync(payments, body, Marketplace.StripeSandbox.Webhooks.Signature(SandboxServer.WebhookSecret, now, body))));
        Assert.All(again, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal("pending", (await PaymentOfAsync(order, customer)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_webhook_that_never_comes_is_caught_up_by_polling_Stripe()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (Guid.NewGuid(), 1_500)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));
        using var sandbox = App.Stripe.Http();
        (await sandbox.PostAsync("/sandbox/events/hold", null)).EnsureSuccessStatusCode();
        try
        {
            await PayAsync(intentId, "succeed");

            await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order, TimeSpan.FromSeconds(30));
        }
        finally
        {
            (await sandbox.PostAsync("/sandbox/events/release", null)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_shops_owner_connects_its_account_once_and_Payments_says_when_it_can_receive_transfers()
    {
        var owner = Guid.NewGuid();
        var shop = Guid.NewGuid();
        await PublishAsync(Profile(shop, 1, owner));
        using var ownerClient = App.PaymentsClient(MarketplaceApp.Token(owner, $"{_coop}:shop_owner"));
        await Eventually.TrueAsync(async () => (await ownerClient.GetAsync(PayoutsRoute(shop))).StatusCode == HttpStatusCode.OK, "the shop's profile in Payments");
        Assert.Equal("not-connected", (await ownerClient.GetFromJsonAsync<JsonElement>(PayoutsRoute(shop))).GetProperty("state").GetString());

        using var first = await ownerClient.PostAsync($"{PayoutsRoute(shop)}/onboarding", null);
        using var second = await ownerClient.PostAsync($"{PayoutsRoute(shop)}/onboarding", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstLink = await first.Content.ReadFromJsonAsync<JsonElement>();
        var secondLink = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(firstLink.GetProperty("url").GetString(), secondLink.GetProperty("url").GetString());
        var payouts = await ownerClient.GetFromJsonAsync<JsonElement>(PayoutsRoute(shop));
        Assert.Equal("onboarding", payouts.GetProperty("state").GetString());
        var account = payouts.GetProperty("accountId").GetString()!;
        Assert.Equal(account, firstLink.GetProperty("accountId").GetString());
        Assert.Equal(account, secondLink.GetProperty("accountId").GetString());
        Assert.Equal(shop.ToString(), (await new AccountService(App.Stripe.Client()).GetAsync(account)).Metadata["shop"]);

        await OnboardAsync(account);

        var changed = (ShopPayoutsChanged)(await App.Probe.WaitForAsync<ShopPayoutsChanged>(m => m.ShopId == shop)).Message;
        Assert.True(changed.CanReceiveTransfers);
        Assert.Equal("can-receive-transfers", (await ownerClient.GetFromJsonAsync<JsonElement>(PayoutsRoute(shop))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Only_the_shops_owners_of_its_latest_profile_or_an_admin_connect_it()
    {
        var owner = Guid.NewGuid();
        var former = Guid.NewGuid();
        var shop = Guid.NewGuid();
        // The newer profile arrives first; the older one (former owner) changes nothing
        await PublishAsync(Profile(shop, 2, owner));
        await PublishAsync(Profile(shop, 1, former));
        using var ownerClient = App.PaymentsClient(MarketplaceApp.Token(owner, $"{_coop}:shop_owner"));
        await Eventually.TrueAsync(async () => (await ownerClient.GetAsync(PayoutsRoute(shop))).StatusCode == HttpStatusCode.OK, "the shop's profile in Payments");
        await Task.Delay(500);

        using var formerClient = App.PaymentsClient(MarketplaceApp.Token(former, $"{_coop}:shop_owner"));
        using var member = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:member"));
        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await formerClient.PostAsync($"{PayoutsRoute(shop)}/onboarding", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(PayoutsRoute(shop))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(PayoutsRoute(shop))).StatusCode);
        Assert.Equal("not-connected", (await admin.GetFromJsonAsync<JsonElement>(PayoutsRoute(shop))).GetProperty("state").GetString());
        using var unknown = await admin.PostAsync($"{PayoutsRoute(Guid.NewGuid())}/onboarding", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("payments.shop_unknown", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_accepted_part_is_captured_once_and_each_accepted_shop_paid_once_minus_the_fee_in_force_when_the_order_was_placed()
    {
        var (shopA, accountA) = await ConnectedShopAsync();
        var (shopB, _) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        // 2 × 600 at 5.5 % VAT in shop A (62 of VAT), 900 in shop B; default policy: 5 % of the amount without VAT
        await PublishAsync(Awaiting(order, customer, (shopA, 1_200), (shopB, 900)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));
        await PayAsync(intentId, "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order);
        // An admin changes the policy after the order was placed: the order keeps version 0
        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        (await admin.PutAsJsonAsync($"/api/coops/{_coop}/payments/fee-policy", new { expectedVersion = 0, feeRate = 2_000, feeBase = "includingVat", feeVatRate = 2_000, stripeRefundFeeBorneBy = "cooperative" })).EnsureSuccessStatusCode();

        var ready = new OrderReadyToCapture(_coop, order, [new AcceptedSubOrder(shopA, new Money(1_200, "EUR"))], new Money(1_200, "EUR"), DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await App.Probe.PublishAsync(ready, messageId, _coop.Value);
        await App.Probe.PublishAsync(ready, messageId, _coop.Value); // redelivered
        await App.Probe.PublishAsync(ready, Guid.NewGuid(), _coop.Value); // sent again

        var captured = (PaymentCaptured)(await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order)).Message;
        Assert.Equal(new Money(1_200, "EUR"), captured.Amount);
        await Task.Delay(1_500);
        Assert.Single(App.Probe.Of<PaymentCaptured>(m => m.OrderId == order));
        var intent = await new PaymentIntentService(App.Stripe.Client()).GetAsync(intentId);
        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(1_200, intent.AmountReceived);
        var transfers = await new TransferService(App.Stripe.Client()).ListAsync(new TransferListOptions { TransferGroup = order.ToString(), Limit = 100 });
        var transfer = Assert.Single(transfers);
        // Fee: 5 % of 1,138 (1,200 without its 62 of VAT) = 56.9 → 57; the shop gets 1,143
        Assert.Equal(1_143, transfer.Amount);
        Assert.Equal(accountA, transfer.DestinationId);
        Assert.Equal(intent.LatestChargeId, transfer.SourceTransactionId);
        var payment = await PaymentOfAsync(order, customer, "captured");
        var line = Assert.Single(payment.GetProperty("lines").EnumerateArray());
        Assert.Equal(shopA, line.GetProperty("shopId").GetGuid());
        Assert.Equal(57, line.GetProperty("fee").GetProperty("minor").GetInt64());
        // Its VAT at 20 %: 57 × 20/120 = 9.5, the tie broken by the allocator's rule (ADR 31)
        Assert.Equal(9, line.GetProperty("feeVat").GetProperty("minor").GetInt64());
        Assert.Equal(1_143, line.GetProperty("transfer").GetProperty("minor").GetInt64());
        Assert.Equal(0, line.GetProperty("policyVersion").GetInt32());
    }

    [Fact]
    public async Task A_capture_instruction_that_overtakes_the_authorisations_webhook_still_captures()
    {
        var (shop, _) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (shop, 1_000)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));
        using var sandbox = App.Stripe.Http();
        (await sandbox.PostAsync("/sandbox/events/hold", null)).EnsureSuccessStatusCode();
        try
        {
            await PayAsync(intentId, "succeed");
            await PublishAsync(new OrderReadyToCapture(_coop, order, [new AcceptedSubOrder(shop, new Money(1_000, "EUR"))], new Money(1_000, "EUR"), DateTimeOffset.UtcNow));

            var captured = (PaymentCaptured)(await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order, TimeSpan.FromSeconds(30))).Message;

            Assert.Equal(new Money(1_000, "EUR"), captured.Amount);
            Assert.Single(App.Probe.Of<PaymentAuthorised>(m => m.OrderId == order));
            Assert.Single(await new TransferService(App.Stripe.Client()).ListAsync(new TransferListOptions { TransferGroup = order.ToString() }));
        }
        finally
        {
            (await sandbox.PostAsync("/sandbox/events/release", null)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_refund_reverses_the_shops_transfer_and_the_fee_in_proportion_once_and_one_beyond_what_is_left_fails()
    {
        var (shop, _) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (shop, 1_200)));
        var intentId = IntentOf(await PaymentOfAsync(order, customer));
        await PayAsync(intentId, "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order);
        await PublishAsync(new OrderReadyToCapture(_coop, order, [new AcceptedSubOrder(shop, new Money(1_200, "EUR"))], new Money(1_200, "EUR"), DateTimeOffset.UtcNow));
        await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order);

        // Half of the sub-order, delivered twice: fee 57 and transfer 1,143 give back 28.5 and 571.5, the tie to the larger
        var refund = new RefundRequested(_coop, Guid.NewGuid(), order, shop, new Money(600, "EUR"), "missing-part", DateTimeOffset.UtcNow);
        await PublishAsync(refund);
        await PublishAsync(refund);
        var tooMuch = new RefundRequested(_coop, Guid.NewGuid(), order, shop, new Money(601, "EUR"), "missing-part", DateTimeOffset.UtcNow);

        var completed = (RefundCompleted)(await App.Probe.WaitForAsync<RefundCompleted>(m => m.RefundId == refund.RefundId)).Message;
        await PublishAsync(tooMuch);
        var failed = (RefundFailed)(await App.Probe.WaitForAsync<RefundFailed>(m => m.RefundId == tooMuch.RefundId)).Message;

        Assert.Equal(new Money(600, "EUR"), completed.Amount);
        Assert.Equal("amount_too_large", failed.Reason);
        Assert.Single(App.Probe.Of<RefundCompleted>(m => m.RefundId == refund.RefundId));
        var intent = await new PaymentIntentService(App.Stripe.Client()).GetAsync(intentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal(600, intent.LatestCharge.AmountRefunded);
        var transfer = Assert.Single(await new TransferService(App.Stripe.Client()).ListAsync(new TransferListOptions { TransferGroup = order.ToString() }));
        Assert.Equal(572, transfer.AmountReversed);
    }

    [Fact]
    public async Task When_the_shop_bears_Stripes_fee_on_refunds_each_refund_takes_its_share_from_the_transfer_and_the_ledger_statement_and_Stripe_agree()
    {
        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        (await admin.PutAsJsonAsync($"/api/coops/{_coop}/payments/fee-policy", new { expectedVersion = 0, feeRate = 500, feeBase = "excludingVat", feeVatRate = 2_000, stripeRefundFeeBorneBy = "shop" })).EnsureSuccessStatusCode();
        var (shop, _) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (shop, 1_200)));
        await PayAsync(IntentOf(await PaymentOfAsync(order, customer)), "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order);
        await PublishAsync(new OrderReadyToCapture(_coop, order, [new AcceptedSubOrder(shop, new Money(1_200, "EUR"))], new Money(1_200, "EUR"), DateTimeOffset.UtcNow));
        await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        async Task<(long Reversed, long Recharged, long Payable, bool Clean)> MoneyAsync()
        {
            var transfer = Assert.Single(await new TransferService(App.Stripe.Client()).ListAsync(new TransferListOptions { TransferGroup = order.ToString() }));
            var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/ledger?{period}");
            Assert.True(ledger.GetProperty("balanced").GetBoolean());
            var accounts = ledger.GetProperty("accounts").EnumerateArray().ToList();
            long Credit(string account) => accounts.Where(a => a.GetProperty("account").GetString() == account).Sum(a => a.GetProperty("credit").GetInt64() - a.GetProperty("debit").GetInt64());
            var reconciled = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/reconciliation?{period}");
            return (transfer.AmountReversed, Credit("stripe-fees-recharged"), Credit("shop-payable"), reconciled.GetProperty("clean").GetBoolean());
        }

        // Stripe kept 18 + 25 = 43 on the 1,200 charge. Half refunded (twice delivered): the shop's part 572 and 22 of the 43 (4 of it VAT)
        var half = new RefundRequested(_coop, Guid.NewGuid(), order, shop, new Money(600, "EUR"), "missing-part", DateTimeOffset.UtcNow);
        await PublishAsync(half);
        await PublishAsync(half);
        await App.Probe.WaitForAsync<RefundCompleted>(m => m.RefundId == half.RefundId);
        Assert.Equal((572L + 22L, 22L - 4L, 0L, true), await MoneyAsync());
        using var owner = App.PaymentsClient(MarketplaceApp.Token(_owners[shop], $"{_coop}:shop_owner"));
        var statement = await owner.GetFromJsonAsync<JsonElement>($"{PayoutsRoute(shop)}/statement?{period}");
        Assert.Equal(["capture", "transfer", "transfer-reversal", "refund", "stripe-fee-recharge"], statement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        var recharge = statement.GetProperty("rows")[4];
        Assert.Equal((0L, -22L, 18L, 4L), (recharge.GetProperty("sale").GetProperty("minor").GetInt64(), recharge.GetProperty("owed").GetProperty("minor").GetInt64(), recharge.GetProperty("commissionNet").GetProperty("minor").GetInt64(), recharge.GetProperty("commissionVat").GetProperty("minor").GetInt64()));
        Assert.Equal(0, statement.GetProperty("closingBalance").GetProperty("minor").GetInt64());

        // The rest refunded: only 549 is left of the transfer for its own part of 571, so the 22 comes back to the shop
        var rest = new RefundRequested(_coop, Guid.NewGuid(), order, shop, new Money(600, "EUR"), "changed-mind", DateTimeOffset.UtcNow);
        await PublishAsync(rest);
        await App.Probe.WaitForAsync<RefundCompleted>(m => m.RefundId == rest.RefundId);
        Assert.Equal((1_143L, 0L, 0L, true), await MoneyAsync());
    }

    [Fact]
    public async Task Every_capture_transfer_and_refund_is_posted_balanced_reconciled_with_Stripe_and_each_shop_reads_its_statement()
    {
        // Shop A sells 1,200 (62 of VAT: fee 57, 9 of it VAT, transfer 1,143) and shop B 900 in one order; then 600 of A's part goes back
        var (shopA, _) = await ConnectedShopAsync();
        var (shopB, accountB) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(Awaiting(order, customer, (shopA, 1_200), (shopB, 900)));
        await PayAsync(IntentOf(await PaymentOfAsync(order, customer)), "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order);
        await PublishAsync(new OrderReadyToCapture(_coop, order, [new AcceptedSubOrder(shopA, new Money(1_200, "EUR")), new AcceptedSubOrder(shopB, new Money(900, "EUR"))], new Money(2_100, "EUR"), DateTimeOffset.UtcNow));
        await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order);
        var refund = new RefundRequested(_coop, Guid.NewGuid(), order, shopA, new Money(600, "EUR"), "missing-part", DateTimeOffset.UtcNow);
        await PublishAsync(refund);
        await PublishAsync(refund);
        await App.Probe.WaitForAsync<RefundCompleted>(m => m.RefundId == refund.RefundId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";

        // The admin's ledger balances: the Stripe balance keeps what was captured, less transfers and the refund, plus the reversal
        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/ledger?{period}");
        Assert.True(ledger.GetProperty("balanced").GetBoolean());
        var accounts = ledger.GetProperty("accounts").EnumerateArray().ToList();
        long Net(string account) => accounts.Where(a => a.GetProperty("account").GetString() == account).Sum(a => a.GetProperty("debit").GetInt64() - a.GetProperty("credit").GetInt64());
        var feeB = 900 - (await PaymentOfAsync(order, customer, "captured")).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("shopId").GetGuid() == shopB).GetProperty("transfer").GetProperty("minor").GetInt64();
        // Stripe kept its processing fee on the charge (the sandbox's rule: 1.5 % rounded, plus 0.25): the cooperative's expense
        Assert.Equal(((2_100 * 15) + 500) / 1_000 + 25, Net("stripe-fees"));
        Assert.Equal(2_100 - 1_143 - (900 - feeB) - 600 + 572 - Net("stripe-fees"), Net("stripe-balance"));
        Assert.Equal(0, Net("shop-payable"));
        Assert.Equal(-(57 + feeB - 28), Net("commission") + Net("commission-vat"));
        Assert.Equal(ledger.GetProperty("total").GetInt64(), ledger.GetProperty("rows").GetArrayLength());
        Assert.All(ledger.GetProperty("rows").EnumerateArray(), r => Assert.Equal(order, r.GetProperty("orderId").GetGuid()));

        // Reconciliation with Stripe finds nothing to say; then a transfer made at Stripe outside the marketplace is reported
        var reconciled = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/reconciliation?{period}");
        Assert.Equal((1, true, 0), (reconciled.GetProperty("ordersChecked").GetInt32(), reconciled.GetProperty("clean").GetBoolean(), reconciled.GetProperty("differences").GetArrayLength()));
        var stray = await new TransferService(App.Stripe.Client()).CreateAsync(new TransferCreateOptions { Amount = 5, Currency = "eur", Destination = accountB, TransferGroup = order.ToString() });
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/reconciliation?{period}");
        var difference = Assert.Single(report.GetProperty("differences").EnumerateArray());
        Assert.Equal(("transferred", 0L, 5L, stray.Id), (difference.GetProperty("item").GetString(), difference.GetProperty("ledger").GetInt64(), difference.GetProperty("stripe").GetInt64(), difference.GetProperty("reference").GetString()));
        Assert.False(report.GetProperty("clean").GetBoolean());

        // The night after, the day is reconciled once by itself and its report kept for the admins
        var afterMidnight = new DateTimeOffset(today.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero).AddDays(1);
        var nightly = new NightlyReconciliation(
            App.Payments.Services.GetRequiredService<CooperativeSessions>(), App.Payments.Services.GetRequiredService<Reconciler>(), new FakeTimeProvider(afterMidnight),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<NightlyReconciliation>.Instance);
        Assert.Equal((1, false), await nightly.RunDueAsync(_coop, CancellationToken.None) is { } night ? (night.OrdersChecked, night.Clean) : (0, true));
        Assert.Null(await nightly.RunDueAsync(_coop, CancellationToken.None));
        var kept = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/reconciliation/reports?{period}")).EnumerateArray(), r => r.GetProperty("day").GetString() == $"{today:yyyy-MM-dd}");
        Assert.Equal(($"{today:yyyy-MM-dd}", false, stray.Id), (kept.GetProperty("day").GetString(), kept.GetProperty("clean").GetBoolean(), Assert.Single(kept.GetProperty("differences").EnumerateArray()).GetProperty("reference").GetString()));

        // Shop A's statement: the sale, its transfer, the transfer taken back and the refund; nothing left owed
        using var ownerA = App.PaymentsClient(MarketplaceApp.Token(_owners[shopA], $"{_coop}:shop_owner"));
        var statement = await ownerA.GetFromJsonAsync<JsonElement>($"{PayoutsRoute(shopA)}/statement?{period}");
        Assert.Equal(["capture", "transfer", "transfer-reversal", "refund"], statement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        long Minor(string property) => statement.GetProperty(property).GetProperty("minor").GetInt64();
        // The refund's fee share 28 = 24 net + 4 VAT (28 × 9/57 = 4.4)
        Assert.Equal((0L, 600L, 48L - 24L, 9L - 4L, 1_143L - 572L, 1_143L - 572L, 0L), (Minor("openingBalance"), Minor("sales"), Minor("commissionNet"), Minor("commissionVat"), Minor("owed"), Minor("transferred"), Minor("closingBalance")));
        Assert.Equal([1_143L, 0L, 572L, 0L], statement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("balance").GetProperty("minor").GetInt64()));

        // As a spreadsheet in France opens it; in English on request
        var csv = await ownerA.GetAsync($"{PayoutsRoute(shopA)}/statement.csv?{period}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Date;Commande;Opération;Référence;Ventes TTC;Commission HT;TVA sur commission;Dû à la boutique;Viré;Solde", lines[0]);
        Assert.Contains(lines, l => l.Contains($";{order};Vente;;12,00;0,48;0,09;11,43;0,00;11,43", StringComparison.Ordinal));
        Assert.EndsWith(";Total de la période;;6,00;0,24;0,05;5,71;5,71;0,00", lines[^1], StringComparison.Ordinal);
        var english = await ownerA.GetStringAsync($"{PayoutsRoute(shopA)}/statement.csv?{period}&language=en");
        Assert.Contains($",{order},Sale,,12.00,0.48,0.09,11.43,0.00,11.43", english, StringComparison.Ordinal);

        // Another shop's owner reads neither; a bad period or language is refused field by field
        using var ownerB = App.PaymentsClient(MarketplaceApp.Token(_owners[shopB], $"{_coop}:shop_owner"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerB.GetAsync($"{PayoutsRoute(shopA)}/statement?{period}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerB.GetAsync($"{PayoutsRoute(shopA)}/statement.csv?{period}")).StatusCode);
        var reversed = await ownerA.GetAsync($"{PayoutsRoute(shopA)}/statement?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal("ledger.period_reversed", (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("to")[0].GetString());
        var missing = await admin.GetAsync($"/api/coops/{_coop}/payments/ledger?to={today:yyyy-MM-dd}&pageSize=0");
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _) && errors.TryGetProperty("pageSize", out _), errors.ToString());
        var language = await ownerA.GetAsync($"{PayoutsRoute(shopA)}/statement.csv?{period}&language=de");
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Equal("ledger.language", (await language.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("language")[0].GetString());
    }

    [Fact]
    public async Task Each_captured_sub_order_gets_its_shops_receipt_each_refund_a_credit_note_and_each_month_a_commission_invoice_numbered_without_gaps()
    {
        var (shopA, _) = await ConnectedShopAsync();
        var (shopB, _) = await ConnectedShopAsync();
        var customer = Guid.NewGuid();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var fees = await CapturedAsync(first, customer, (shopA, 1_200), (shopB, 900));
        fees = fees.Concat(await CapturedAsync(second, customer, (shopA, 501))).ToList();
        var refund = new RefundRequested(_coop, Guid.NewGuid(), first, shopA, new Money(600, "EUR"), "missing-part", DateTimeOffset.UtcNow);
        await PublishAsync(refund);
        await App.Probe.WaitForAsync<RefundCompleted>(m => m.RefundId == refund.RefundId);

        // The customer's documents of the first order: each shop's receipt (each shop numbers its own), the refund's credit note
        using var buyer = App.PaymentsClient(MarketplaceApp.Token(customer, $"{_coop}:customer"));
        var documents = await buyer.GetFromJsonAsync<JsonElement>($"{PaymentRoute(first)}/documents");
        Assert.Equal(
            [("receipt-credit-note", "AV-000001", shopA, 600L), ("receipt", "T-000001", shopA, 1_200L), ("receipt", "T-000001", shopB, 900L)],
            documents.EnumerateArray().Select(d => (Kind(d), d.GetProperty("number").GetString(), d.GetProperty("content").GetProperty("shopId").GetGuid(), Total(d))).OrderBy(d => d.Item2).ThenBy(d => d.Item3 == shopB));
        var receiptA = documents.EnumerateArray().Single(d => Kind(d) == "receipt" && d.GetProperty("content").GetProperty("shopId").GetGuid() == shopA);
        Assert.Equal("12 rue du Pont, 39000 Lons-le-Saunier", receiptA.GetProperty("content").GetProperty("issuerAddress").GetString());
        var line = Assert.Single(receiptA.GetProperty("content").GetProperty("lines").EnumerateArray());
        Assert.Equal(("Confiture", 2, 600L, 550), (line.GetProperty("nameFr").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetInt64(), line.GetProperty("vatRate").GetInt32()));
        // 1,200 at 5.5 %: VAT 1,200 × 550 / 10,550 = 62.56, so 63 and 1,137 without it
        var vat = Assert.Single(receiptA.GetProperty("content").GetProperty("vat").EnumerateArray());
        Assert.Equal((550, 1_137L, 63L, 1_200L), (vat.GetProperty("rate").GetInt32(), vat.GetProperty("net").GetInt64(), vat.GetProperty("vat").GetInt64(), vat.GetProperty("gross").GetInt64()));
        var creditNote = documents.EnumerateArray().Single(d => Kind(d) == "receipt-credit-note");
        Assert.Equal("T-000001", creditNote.GetProperty("correctsNumber").GetString());
        var secondReceipt = Assert.Single((await buyer.GetFromJsonAsync<JsonElement>($"{PaymentRoute(second)}/documents")).EnumerateArray());
        Assert.Equal(("T-000002", 501L), (secondReceipt.GetProperty("number").GetString(), Total(secondReceipt)));

        // As a PDF, in French by default and in English on request
        var receiptRoute = $"/api/coops/{_coop}/payments/documents/{receiptA.GetProperty("id").GetGuid()}";
        var pdf = await buyer.GetAsync($"{receiptRoute}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("%PDF-1.4", text, StringComparison.Ordinal);
        Assert.Contains("(Ticket de caisse)", text, StringComparison.Ordinal);
        Assert.Contains("(N\\260 T-000001)", text, StringComparison.Ordinal);
        Assert.Contains("(12,00 \\200)", text, StringComparison.Ordinal); // "12,00 €" in WinAnsiEncoding
        Assert.Contains("(12 rue du Pont, 39000 Lons-le-Saunier)", text, StringComparison.Ordinal);
        Assert.Contains("(Receipt)", await buyer.GetStringAsync($"{receiptRoute}/pdf?language=en"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await buyer.GetAsync($"{receiptRoute}/pdf?language=de")).StatusCode);

        // Read by its customer, its shop's owners and the admins; anybody else (another shop's owner, another customer,
        // another cooperative's admin) is told it does not exist
        using var ownerA = App.PaymentsClient(MarketplaceApp.Token(_owners[shopA], $"{_coop}:shop_owner"));
        using var ownerB = App.PaymentsClient(MarketplaceApp.Token(_owners[shopB], $"{_coop}:shop_owner"));
        using var stranger = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        using var otherAdmin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), "another-coop:admin"));
        Assert.Equal(HttpStatusCode.OK, (await ownerA.GetAsync(receiptRoute)).StatusCode);
        foreach (var refused in new[] { ownerB, stranger, otherAdmin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await refused.GetAsync(receiptRoute)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await refused.GetAsync($"{receiptRoute}/pdf")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{PaymentRoute(first)}/documents")).StatusCode);

        // Once the month has ended, the cooperative invoices each shop its commission: the fees less the fee refunded (28)
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var nextMonth = new DateTimeOffset(today.Year, today.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(1).AddDays(1);
        var sessions = App.Payments.Services.GetRequiredService<CooperativeSessions>();
        await Eventually.TrueAsync(
            async () =>
            {
                await using var identity = sessions.QuerySession(_coop);
                return await CooperativeIdentity.NameOfAsync(identity, _coop, CancellationToken.None) == $"Coop {_coop.Value}";
            },
            "the cooperative's name heard by Payments");
        Assert.Equal(2, await new CommissionInvoicing(sessions, new FakeTimeProvider(nextMonth)).IssueDueAsync(_coop, CancellationToken.None));
        Assert.Equal(0, await new CommissionInvoicing(sessions, new FakeTimeProvider(nextMonth)).IssueDueAsync(_coop, CancellationToken.None));
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={nextMonth.AddDays(1):yyyy-MM-dd}";
        var shopDocuments = (await ownerA.GetFromJsonAsync<JsonElement>($"{PayoutsRoute(shopA)}/documents?{period}")).EnumerateArray().ToList();
        Assert.Equal(["T-000001", "T-000002", "AV-000001"], shopDocuments.Where(d => Kind(d) != "commission-invoice").Select(d => d.GetProperty("number").GetString()));
        var invoice = Assert.Single(shopDocuments, d => Kind(d) == "commission-invoice");
        Assert.Equal(fees.Where(f => f.Shop == shopA).Sum(f => f.Fee) - 28, Total(invoice));
        Assert.Equal($"{today:yyyy-MM}", invoice.GetProperty("content").GetProperty("period").GetString());
        Assert.Equal(($"Coop {_coop.Value}", "Épicerie", "12 rue du Pont, 39000 Lons-le-Saunier"), (invoice.GetProperty("content").GetProperty("issuerName").GetString(), invoice.GetProperty("content").GetProperty("recipientName").GetString(), invoice.GetProperty("content").GetProperty("recipientAddress").GetString()));
        Assert.Contains(invoice.GetProperty("number").GetString(), new[] { "F-000001", "F-000002" });
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerB.GetAsync($"{PayoutsRoute(shopA)}/documents?{period}")).StatusCode);

        // Twenty receipts of one shop issued at once, and one whose transaction fails: numbers 1 to 20, then 21
        var issuer = Guid.NewGuid();
        var content = Documents.Receipt(new Marketplace.Payments.Allocation.CaptureLine(issuer, new Money(100, "EUR"), new Money(100, "EUR"), new Money(5, "EUR"), new Money(1, "EUR"), new Money(95, "EUR"), 0, Marketplace.Payments.FeePolicies.FeeTerms.Default), "Concurrente", Guid.NewGuid(), customer, null, 0);
        async Task IssueAsync(Guid stream, long? expectedVersion)
        {
            await using var session = sessions.OpenSession(_coop);
            var issued = new DocumentIssued(Guid.NewGuid(), content, DateTimeOffset.UtcNow);
            if (expectedVersion is { } version)
            {
                session.Events.Append(stream, version, issued);
            }
            else
            {
                session.Events.StartStream(stream, issued);
            }

            await session.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => IssueAsync(Guid.NewGuid(), null)));
        await Assert.ThrowsAnyAsync<Exception>(() => IssueAsync(second, 1)); // the payment's stream is far beyond version 1
        await IssueAsync(Guid.NewGuid(), null);
        await using var query = sessions.QuerySession(_coop);
        var numbers = await query.AdvancedSql.QueryAsync<int>("select number from payments.documents where issuer = ? order by number", CancellationToken.None, issuer);
        Assert.Equal(Enumerable.Range(1, 21), numbers);

        static string Kind(JsonElement d) => d.GetProperty("content").GetProperty("kind").GetString()!;
        static long Total(JsonElement d) => d.GetProperty("content").GetProperty("total").GetInt64();
    }

    [Fact]
    public async Task A_fee_the_members_adopt_prices_the_orders_placed_after_the_vote_names_its_proposal_and_leaves_earlier_orders_as_they_were()
    {
        var (shop, _) = await ConnectedShopAsync();
        // The vote runs on a Governance host of the test's own whose clock starts 15 days ago: it closes a day ago
        var clock = new ShiftedClock(TimeSpan.FromDays(-15));
        await using var governance = App.GovernanceWithClock(clock, _coop);
        HttpClient As(Guid account, params string[] roles)
        {
            var client = governance.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", MarketplaceApp.Token(account, roles));
            return client;
        }

        using var admin = As(Guid.NewGuid(), $"{_coop}:admin");
        var members = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var member in members)
        {
            (await admin.PostAsJsonAsync($"/api/coops/{_coop}/governance/members", new { accountId = member, name = $"Membre {member:N}"[..14], college = "members" })).EnsureSuccessStatusCode();
        }

        using var opened = await admin.PostAsJsonAsync($"/api/coops/{_coop}/governance/proposals", new
        {
            kind = "feeChange",
            title = "Commission à 20 %",
            feeChange = new { feeRate = 2_000, effectiveSince = clock.GetUtcNow().AddDays(14).AddMinutes(1) },
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var proposal = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (member, choice) in members.Zip(["for", "for", "against"]))
        {
            using var voter = As(member);
            (await voter.PostAsJsonAsync($"/api/coops/{_coop}/governance/proposals/{proposal}/ballots", new { choice })).EnsureSuccessStatusCode();
        }

        // An order captured while the vote is open pays the policy in force: 5 % of 1,137 = 56.85 → 57
        var earlier = Guid.NewGuid();
        var customer = Guid.NewGuid();
        Assert.Equal([(shop, 57L)], await CapturedAsync(earlier, customer, (shop, 1_200)));

        // Time reaches the deadline: the sweeper closes the vote (2 of 3 for: adopted) and Payments hears of it by itself
        clock.Offset = TimeSpan.Zero;
        using var reader = App.PaymentsClient(MarketplaceApp.Token($"{_coop}:member"));
        JsonElement policy = default;
        await Eventually.TrueAsync(
            async () => (policy = await reader.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/payments/fee-policy")).GetProperty("version").GetInt32() == 1,
            "the adopted fee in Payments' policy");
        var version = policy.GetProperty("history")[1];
        Assert.Equal(2_000, version.GetProperty("feeRate").GetInt32());
        Assert.Equal(proposal, version.GetProperty("proposalId").GetGuid());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("setBy").ValueKind);

        // The next order's split uses it (20 % of the 1,137 without VAT = 227.4 → 227) and names the version and the vote
        var later = Guid.NewGuid();
        Assert.Equal([(shop, 227L)], await CapturedAsync(later, customer, (shop, 1_200)));
        var line = (await PaymentOfAsync(later, customer, "captured")).GetProperty("lines")[0];
        Assert.Equal((1, proposal), (line.GetProperty("policyVersion").GetInt32(), line.GetProperty("proposalId").GetGuid()));
        var earlierLine = (await PaymentOfAsync(earlier, customer, "captured")).GetProperty("lines")[0];
        Assert.Equal((0, 57L), (earlierLine.GetProperty("policyVersion").GetInt32(), earlierLine.GetProperty("fee").GetProperty("minor").GetInt64()));
        Assert.Equal(JsonValueKind.Null, earlierLine.GetProperty("proposalId").ValueKind);
    }

    [Fact]
    public async Task The_patronage_refund_shares_the_surplus_between_the_members_by_their_sales_and_purchases_to_the_cent()
    {
        var (bakery, _) = await ConnectedShopAsync();
        var (grocery, _) = await ConnectedShopAsync();
        var baker = _owners[bakery];
        var customer = Guid.NewGuid();
        var stranger = Guid.NewGuid();
        using (var admin = App.GovernanceClient(MarketplaceApp.Token($"{_coop}:admin")))
        {
            foreach (var (account, name, college) in new[] { (baker, "Boulangerie Léa", "members"), (customer, "Chloé", "members"), (Guid.NewGuid(), "Sans activité", "members") })
            {
                (await admin.PostAsJsonAsync($"/api/coops/{_coop}/governance/members", new { accountId = account, name, college })).EnsureSuccessStatusCode();
            }
        }

        // The member customer buys 1,200 at the bakery and 900 at the grocery (whose owner is no member); a stranger buys 600 at the bakery, half refunded
        await CapturedAsync(Guid.NewGuid(), customer, (bakery, 1_200), (grocery, 900));
        var strangers = Guid.NewGuid();
        await CapturedAsync(strangers, stranger, (bakery, 600));
        await PublishAsync(new RefundRequested(_coop, Guid.NewGuid(), strangers, bakery, new Money(300, "EUR"), "missing-part", DateTimeOffset.UtcNow));
        await App.Probe.WaitForAsync<RefundCompleted>(m => m.OrderId == strangers);
        using var reader = App.PaymentsClient(MarketplaceApp.Token($"{_coop}:admin"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var route = $"/api/coops/{_coop}/payments/patronage-refund?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&surplus=10000";
        await Eventually.TrueAsync(async () => (await reader.GetFromJsonAsync<JsonElement>(route)).GetProperty("lines").GetArrayLength() == 3, "the members in Payments");

        var report = await reader.GetFromJsonAsync<JsonElement>(route);

        // Activity: the baker sold 1,200 + 600 − 300 = 1,500; the customer bought 2,100; the third member nothing. 10,000 shared 1,500 : 2,100.
        var lines = report.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("accountId").GetGuid());
        Assert.Equal((1_500L, 0L, 4_167L), (lines[baker].GetProperty("sales").GetInt64(), lines[baker].GetProperty("purchases").GetInt64(), lines[baker].GetProperty("share").GetInt64()));
        Assert.Equal((0L, 2_100L, 5_833L), (lines[customer].GetProperty("sales").GetInt64(), lines[customer].GetProperty("purchases").GetInt64(), lines[customer].GetProperty("share").GetInt64()));
        Assert.Equal(10_000, lines.Values.Sum(l => l.GetProperty("share").GetInt64()));
        Assert.Equal(3_600, report.GetProperty("activity").GetInt64());
        using var csv = await reader.GetAsync(route.Replace("patronage-refund?", "patronage-refund.csv?", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Boulangerie Léa;members;15,00;0,00;15,00;41,67", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var member = App.PaymentsClient(MarketplaceApp.Token($"{_coop}:member"));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(route)).StatusCode);
        using var bad = await reader.GetAsync($"/api/coops/{_coop}/payments/patronage-refund?from=2026-12-31&to=2026-01-01&surplus=-5");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>The order placed, paid and captured whole; each shop's fee from the payment's lines.</summary>
    private async Task<List<(Guid Shop, long Fee)>> CapturedAsync(Guid order, Guid customer, params (Guid Shop, long Subtotal)[] shops)
    {
        await PublishAsync(Awaiting(order, customer, shops));
        await PayAsync(IntentOf(await PaymentOfAsync(order, customer)), "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == order);
        await PublishAsync(new OrderReadyToCapture(
            _coop, order, [.. shops.Select(s => new AcceptedSubOrder(s.Shop, new Money(s.Subtotal, "EUR")))], new Money(shops.Sum(s => s.Subtotal), "EUR"), DateTimeOffset.UtcNow));
        await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == order);
        return [.. (await PaymentOfAsync(order, customer, "captured")).GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("shopId").GetGuid(), l.GetProperty("fee").GetProperty("minor").GetInt64()))];
    }

    [Fact]
    public async Task Nothing_accepted_or_the_order_cancelled_voids_the_authorisation_and_nothing_is_charged()
    {
        var customer = Guid.NewGuid();
        var nothingAccepted = Guid.NewGuid();
        var cancelled = Guid.NewGuid();
        await PublishAsync(Awaiting(nothingAccepted, customer, (Guid.NewGuid(), 500)));
        await PublishAsync(Awaiting(cancelled, customer, (Guid.NewGuid(), 650)));
        var first = IntentOf(await PaymentOfAsync(nothingAccepted, customer));
        var second = IntentOf(await PaymentOfAsync(cancelled, customer));
        await PayAsync(first, "succeed");
        await App.Probe.WaitForAsync<PaymentAuthorised>(m => m.OrderId == nothingAccepted);

        await PublishAsync(new OrderReadyToCapture(_coop, nothingAccepted, [], new Money(0, "EUR"), DateTimeOffset.UtcNow));
        await PublishAsync(new OrderCancelled(_coop, cancelled, EndReasons.CancelledByCustomer, DateTimeOffset.UtcNow));

        await App.Probe.WaitForAsync<PaymentCancelled>(m => m.OrderId == nothingAccepted);
        await App.Probe.WaitForAsync<PaymentCancelled>(m => m.OrderId == cancelled);
        var intents = new PaymentIntentService(App.Stripe.Client());
        Assert.Equal("canceled", (await intents.GetAsync(first)).Status);
        Assert.Equal("canceled", (await intents.GetAsync(second)).Status);
        Assert.Equal(0, (await intents.GetAsync(first)).AmountReceived);
        Assert.Equal("cancelled", (await PaymentOfAsync(cancelled, customer, "cancelled")).GetProperty("status").GetString());
        Assert.Empty(await new TransferService(App.Stripe.Client()).ListAsync(new TransferListOptions { TransferGroup = nothingAccepted.ToString() }));
    }

    [Fact]
    public async Task An_order_cancelled_before_its_payment_was_asked_for_never_gets_one()
    {
        var customer = Guid.NewGuid();
        var order = Guid.NewGuid();
        await PublishAsync(new OrderCancelled(_coop, order, EndReasons.StockShort, DateTimeOffset.UtcNow));
        await Task.Delay(1_000);

        await PublishAsync(Awaiting(order, customer, (Guid.NewGuid(), 500)));
        await Task.Delay(1_500);

        using var admin = App.PaymentsClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(PaymentRoute(order))).StatusCode);
        Assert.Empty(await IntentsCreatedForAsync(order));
    }

    /// <summary>The PaymentIntents created for the order, as Stripe's events list them (the sandbox lists no PaymentIntents).</summary>
    private async Task<List<string>> IntentsCreatedForAsync(Guid order)
    {
        var all = new List<string>();
        await foreach (var e in new EventService(App.Stripe.Client()).ListAutoPagingAsync(new EventListOptions { Type = "payment_intent.created", Limit = 100 }))
        {
            if (e.Data.Object is PaymentIntent intent && intent.TransferGroup == order.ToString())
            {
                all.Add(intent.Id);
            }
        }

        return all;
    }

    private async Task<(Guid Shop, string Account)> ConnectedShopAsync()
    {
        var owner = Guid.NewGuid();
        var shop = Guid.NewGuid();
        _owners[shop] = owner;
        await PublishAsync(Profile(shop, 1, owner));
        using var client = App.PaymentsClient(MarketplaceApp.Token(owner, $"{_coop}:shop_owner"));
        await Eventually.TrueAsync(async () => (await client.GetAsync(PayoutsRoute(shop))).StatusCode == HttpStatusCode.OK, "the shop's profile in Payments");
        (await client.PostAsync($"{PayoutsRoute(shop)}/onboarding", null)).EnsureSuccessStatusCode();
        var account = (await client.GetFromJsonAsync<JsonElement>(PayoutsRoute(shop))).GetProperty("accountId").GetString()!;
        await OnboardAsync(account);
        await App.Probe.WaitForAsync<ShopPayoutsChanged>(m => m.ShopId == shop && m.CanReceiveTransfers);
        return (shop, account);
    }

    private async Task OnboardAsync(string account)
    {
        using var sandbox = App.Stripe.Http();
        (await sandbox.PostAsync($"/sandbox/accounts/{account}/onboard", null)).EnsureSuccessStatusCode();
    }

    private async Task PayAsync(string intentId, string outcome)
    {
        using var sandbox = App.Stripe.Http();
        (await sandbox.PostAsync($"/sandbox/payment_intents/{intentId}/{outcome}", null)).EnsureSuccessStatusCode();
    }

    private ShopProfileChanged Profile(Guid shop, long version, Guid owner) =>
        new(_coop, shop, version, "Épicerie", true, [owner], [], true, false, null, DateTimeOffset.UtcNow, "12 rue du Pont, 39000 Lons-le-Saunier");

    private OrderAwaitingPayment Awaiting(Guid order, Guid customer, params (Guid Shop, long Subtotal)[] shops)
    {
        // Each sub-order is one line at 5.5 % VAT (two units when the subtotal is even)
        var subOrders = shops.Select(s => new SubOrder(
            s.Shop,
            [s.Subtotal % 2 == 0
                ? new OrderLine(Guid.NewGuid(), "Confiture", "Jam", 2, new Money(s.Subtotal / 2, "EUR"), 550)
                : new OrderLine(Guid.NewGuid(), "Confiture", "Jam", 1, new Money(s.Subtotal, "EUR"), 550)],
            new Fulfilment(Fulfilment.Pickup, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddHours(1), null, null),
            new Money(s.Subtotal, "EUR"))).ToList();
        var now = DateTimeOffset.UtcNow;
        return new OrderAwaitingPayment(_coop, order, customer, "fr", subOrders, new Money(shops.Sum(s => s.Subtotal), "EUR"), now, now.AddMinutes(15));
    }

    private Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent => App.Probe.PublishAsync(message, Guid.NewGuid(), _coop.Value);

    private string PaymentRoute(Guid order) => $"/api/coops/{_coop}/orders/{order}/payment";

    private string PayoutsRoute(Guid shop) => $"/api/coops/{_coop}/shops/{shop}/payouts";

    private static string IntentOf(JsonElement payment) => payment.GetProperty("clientSecret").GetString()!.Split("_secret_")[0];

    /// <summary>The order's payment as its customer reads it, once it exists (and has the status asked for).</summary>
    private async Task<JsonElement> PaymentOfAsync(Guid order, Guid customer, string? status = null)
    {
        using var client = App.PaymentsClient(MarketplaceApp.Token(customer, $"{_coop}:customer"));
        JsonElement found = default;
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await client.GetAsync(PaymentRoute(order));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                found = await response.Content.ReadFromJsonAsync<JsonElement>();
                return status is null || found.GetProperty("status").GetString() == status;
            },
            $"order {order}'s payment{(status is null ? "" : " " + status)}");
        return found;
    }

    private static async Task<(HttpStatusCode Status, string? Code)> PostWebhookAsync(HttpClient client, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        using var response = await client.SendAsync(request);
        var code = response.StatusCode == HttpStatusCode.BadRequest ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString() : null;
        return (response.StatusCode, code);
    }
}
