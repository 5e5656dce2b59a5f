using System.Net;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>Shops' connected accounts, onboarding links, transfers and their reversals, refunds, through Stripe.net.</summary>
public sealed class ConnectTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private readonly StripeClient _client = fixture.Server.Client();

    private async Task<Account> OnboardedAccountAsync()
    {
        var account = await new AccountService(_client).CreateAsync(new AccountCreateOptions { Type = "express", Country = "FR", Email = "shop@example.org" });
        using var tests = fixture.Server.Http();
        (await tests.PostAsync($"/sandbox/accounts/{account.Id}/onboard", null)).EnsureSuccessStatusCode();
        return account;
    }

    private async Task<PaymentIntent> CapturedAsync(long amount)
    {
        var intents = new PaymentIntentService(_client);
        var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = "eur", CaptureMethod = "manual" });
        await intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        return await intents.CaptureAsync(intent.Id);
    }

    [Fact]
    public async Task A_shop_onboards_through_its_account_link_and_can_then_receive_transfers()
    {
        // Given a new connected account: it cannot receive transfers yet
        var accounts = new AccountService(_client);
        var account = await accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Country = "FR",
            Email = "boulangerie@example.org",
            Metadata = new Dictionary<string, string> { ["shop"] = "s-1" },
        });
        Assert.StartsWith("acct_", account.Id, StringComparison.Ordinal);
        Assert.False(account.ChargesEnabled);
        Assert.Equal("inactive", account.Capabilities.Transfers);
        var transfers = new TransferService(_client);
        var refused = await Assert.ThrowsAsync<StripeException>(() => transfers.CreateAsync(new TransferCreateOptions { Amount = 100, Currency = "eur", Destination = account.Id }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("insufficient_capabilities_for_transfer", refused.StripeError.Code);

        // When its owner follows the onboarding link and completes it
        var link = await new AccountLinkService(_client).CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id,
            Type = "account_onboarding",
            RefreshUrl = "https://market.example/shops/s-1/stripe/refresh",
            ReturnUrl = "https://market.example/shops/s-1/stripe/done",
        });
        Assert.InRange((link.ExpiresAt - link.Created).TotalMinutes, 4, 6);
        using var browser = fixture.Server.Http();
        Assert.Contains("Complete onboarding", await browser.GetStringAsync(link.Url), StringComparison.Ordinal);
        using var completed = await browser.PostAsync(link.Url, null);

        // Then it comes back to the marketplace, and the account takes payments and transfers (account.updated says so)
        Assert.Equal("https://market.example/shops/s-1/stripe/done", completed.Headers.Location!.ToString());
        var onboarded = await accounts.GetAsync(account.Id);
        Assert.True(onboarded.ChargesEnabled);
        Assert.True(onboarded.PayoutsEnabled);
        Assert.True(onboarded.DetailsSubmitted);
        Assert.Equal("active", onboarded.Capabilities.Transfers);
        Assert.Equal("s-1", onboarded.Metadata["shop"]);
        var updated = await fixture.Server.Received.WaitForAsync("account.updated", account.Id);
        Assert.Equal(account.Id, updated.Event.Account);
        var transfer = await transfers.CreateAsync(new TransferCreateOptions { Amount = 100, Currency = "eur", Destination = account.Id, TransferGroup = "order-a" });
        Assert.Equal(account.Id, transfer.DestinationId);
        Assert.Equal("order-a", transfer.TransferGroup);

        // And the used link sends anyone who opens it again to refresh_url
        using var used = await browser.GetAsync(link.Url);
        Assert.Equal("https://market.example/shops/s-1/stripe/refresh", used.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_expired_onboarding_link_sends_the_owner_to_refresh_url()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(clock);
        var own = sandbox.Client();
        var account = await new AccountService(own).CreateAsync(new AccountCreateOptions { Type = "express" });
        var link = await new AccountLinkService(own).CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id,
            Type = "account_onboarding",
            RefreshUrl = "https://market.example/refresh",
            ReturnUrl = "https://market.example/done",
        });

        clock.Advance(TimeSpan.FromMinutes(6));
        using var browser = sandbox.Http();
        using var expired = await browser.GetAsync(link.Url);
        using var late = await browser.PostAsync(link.Url, null);

        Assert.Equal("https://market.example/refresh", expired.Headers.Location!.ToString());
        Assert.Equal("https://market.example/refresh", late.Headers.Location!.ToString());
        Assert.False((await new AccountService(own).GetAsync(account.Id)).ChargesEnabled);
    }

    [Fact]
    public async Task A_transfer_to_an_unknown_account_is_refused()
    {
        var refused = await Assert.ThrowsAsync<StripeException>(() => new TransferService(_client).CreateAsync(new TransferCreateOptions { Amount = 100, Currency = "eur", Destination = "acct_nobody" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("destination", refused.StripeError.Param);
    }

    [Fact]
    public async Task A_transfer_from_a_charge_takes_no_more_than_it_captured_and_is_reversed_no_more_than_it_moved()
    {
        // Given a captured payment of 1000 and a shop's transfer of 700 drawn on its charge
        var shop = await OnboardedAccountAsync();
        var payment = await CapturedAsync(1000);
        var transfers = new TransferService(_client);
        var transfer = await transfers.CreateAsync(new TransferCreateOptions { Amount = 700, Currency = "eur", Destination = shop.Id, SourceTransaction = payment.LatestChargeId });
        Assert.StartsWith("tr_", transfer.Id, StringComparison.Ordinal);
        Assert.StartsWith("txn_", transfer.BalanceTransactionId, StringComparison.Ordinal);

        // Then the charge has 300 left to transfer
        var over = await Assert.ThrowsAsync<StripeException>(() => transfers.CreateAsync(new TransferCreateOptions { Amount = 301, Currency = "eur", Destination = shop.Id, SourceTransaction = payment.LatestChargeId }));
        Assert.Equal("balance_insufficient", over.StripeError.Code);

        // When part of the transfer is reversed, then more than is left is refused
        var reversals = new TransferReversalService(_client);
        var reversal = await reversals.CreateAsync(transfer.Id, new TransferReversalCreateOptions { Amount = 200 });
        Assert.StartsWith("trr_", reversal.Id, StringComparison.Ordinal);
        Assert.Equal(transfer.Id, reversal.TransferId);
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => reversals.CreateAsync(transfer.Id, new TransferReversalCreateOptions { Amount = 501 }));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.HttpStatusCode);
        var read = await transfers.GetAsync(transfer.Id);
        Assert.Equal(200, read.AmountReversed);
        Assert.False(read.Reversed);
        Assert.Equal(reversal.Id, Assert.Single(read.Reversals.Data).Id);
        var moved = await new BalanceTransactionService(_client).GetAsync(reversal.BalanceTransactionId);
        Assert.Equal(("transfer_cancel", 200L), (moved.Type, moved.Amount));
    }

    [Fact]
    public async Task Refunds_never_exceed_what_was_captured()
    {
        // Given 1000 authorised and 800 captured
        var intents = new PaymentIntentService(_client);
        var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "eur", CaptureMethod = "manual" });
        var refunds = new RefundService(_client);
        await intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        var notYet = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 100 }));
        Assert.Equal("charge_not_refundable", notYet.StripeError.Code);
        await intents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 800 });

        // When 500 is refunded, then 301 more is refused, and the last 300 goes
        var first = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 500, Metadata = new Dictionary<string, string> { ["refund"] = "r-1" } });
        Assert.Equal(("succeeded", 500L, intent.Id), (first.Status, first.Amount, first.PaymentIntentId));
        var over = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 301 }));
        Assert.Equal(("amount_too_large", "amount"), (over.StripeError.Code, over.StripeError.Param));
        var rest = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id });
        Assert.Equal(300, rest.Amount);
        var none = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 1 }));
        Assert.Equal("charge_already_refunded", none.StripeError.Code);

        var charge = (await intents.GetAsync(intent.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge;
        Assert.Equal(800, charge.AmountRefunded);
        Assert.True(charge.Refunded);
        Assert.Equal("r-1", (await refunds.GetAsync(first.Id)).Metadata["refund"]);
        Assert.Equal(-500, (await new BalanceTransactionService(_client).GetAsync(first.BalanceTransactionId)).Amount);
    }
}
