using System.Net;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>Idempotency keys, signed webhooks (retried, held), events for catch-up, list paging, and state kept across a restart.</summary>
public sealed class IdempotencyAndEventsTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private readonly StripeClient _client = fixture.Server.Client();

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_refuses_other_parameters()
    {
        // Given an authorisation created under the order's key
        var order = Guid.NewGuid();
        var key = new RequestOptions { IdempotencyKey = $"order:{order}:authorise" };
        var intents = new PaymentIntentService(_client);
        var options = new PaymentIntentCreateOptions { Amount = 4200, Currency = "eur", CaptureMethod = "manual", TransferGroup = order.ToString() };
        var first = await intents.CreateAsync(options, key);

        // When the same request comes again (a redelivered message), then it is the same payment
        var again = await intents.CreateAsync(options, key);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.StripeResponse.Content, again.StripeResponse.Content);

        // And the same key with another amount is refused as Stripe refuses it
        var other = await Assert.ThrowsAsync<StripeException>(() => intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 4300, Currency = "eur", CaptureMethod = "manual" }, key));
        Assert.Equal(HttpStatusCode.BadRequest, other.HttpStatusCode);
        Assert.Equal("idempotency_error", other.StripeError.Type);
        Assert.Single(await new EventService(_client).ListAsync(new EventListOptions { Type = "payment_intent.created", Limit = 100 }), e => ((PaymentIntent)e.Data.Object).TransferGroup == order.ToString());
    }

    [Fact]
    public async Task A_transfer_retried_under_its_key_pays_the_shop_once()
    {
        var shop = await new AccountService(_client).CreateAsync(new AccountCreateOptions { Type = "express" });
        using var tests = fixture.Server.Http();
        (await tests.PostAsync($"/sandbox/accounts/{shop.Id}/onboard", null)).EnsureSuccessStatusCode();
        var group = Guid.NewGuid().ToString();
        var transfers = new TransferService(_client);
        var create = new TransferCreateOptions { Amount = 950, Currency = "eur", Destination = shop.Id, TransferGroup = group };
        var key = new RequestOptions { IdempotencyKey = $"order:{group}:shop:{Guid.NewGuid()}:transfer" };

        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await transfers.CreateAsync(create, key)).Id));

        Assert.Single(ids.Distinct());
        Assert.Single(await transfers.ListAsync(new TransferListOptions { TransferGroup = group }));
    }

    [Fact]
    public async Task A_refusal_is_not_kept_under_its_key_so_a_retry_after_onboarding_goes_through()
    {
        var shop = await new AccountService(_client).CreateAsync(new AccountCreateOptions { Type = "express" });
        var transfers = new TransferService(_client);
        var create = new TransferCreateOptions { Amount = 100, Currency = "eur", Destination = shop.Id };
        var key = new RequestOptions { IdempotencyKey = $"order:{Guid.NewGuid()}:shop:{Guid.NewGuid()}:transfer" };
        await Assert.ThrowsAsync<StripeException>(() => transfers.CreateAsync(create, key));

        using var tests = fixture.Server.Http();
        (await tests.PostAsync($"/sandbox/accounts/{shop.Id}/onboard", null)).EnsureSuccessStatusCode();

        Assert.Equal(100, (await transfers.CreateAsync(create, key)).Amount);
    }

    [Fact]
    public async Task Idempotency_keys_are_kept_24_hours()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(clock);
        var intents = new PaymentIntentService(sandbox.Client());
        var key = new RequestOptions { IdempotencyKey = "refund:kept-a-day" };
        var first = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" }, key);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(first.Id, (await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" }, key)).Id);
        clock.Advance(TimeSpan.FromHours(2));

        Assert.NotEqual(first.Id, (await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" }, key)).Id);
    }

    [Fact]
    public async Task Webhooks_are_signed_as_stripe_signs_and_a_tampered_body_does_not_verify()
    {
        // Given a payment authorised
        var intents = new PaymentIntentService(_client);
        var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1500, Currency = "eur", CaptureMethod = "manual" });
        await intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        // When its webhook comes, then Stripe.net verifies it with the signing secret and reads the payment in it
        var (stripeEvent, body, signature) = await fixture.Server.Received.WaitForAsync("payment_intent.amount_capturable_updated", intent.Id);
        var paid = Assert.IsType<PaymentIntent>(stripeEvent.Data.Object);
        Assert.Equal(("requires_capture", 1500L), (paid.Status, paid.AmountCapturable));
        Assert.StartsWith("evt_", stripeEvent.Id, StringComparison.Ordinal);
        Assert.Equal(stripeEvent.Id, (await new EventService(_client).GetAsync(stripeEvent.Id)).Id);

        // And a tampered body, another secret or an old signature do not
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body.Replace("1500", "15000", StringComparison.Ordinal), signature, SandboxServer.WebhookSecret));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body, signature, "whsec_someone_else"));
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body, Marketplace.StripeSandbox.Webhooks.Signature(SandboxServer.WebhookSecret, stale, body), SandboxServer.WebhookSecret));
    }

    [Fact]
    public async Task A_declined_payment_sends_payment_failed()
    {
        var intents = new PaymentIntentService(_client);
        var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur", CaptureMethod = "manual" });
        await Assert.ThrowsAsync<StripeException>(() => intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" }));

        var failed = await fixture.Server.Received.WaitForAsync("payment_intent.payment_failed", intent.Id);

        Assert.Equal("card_declined", ((PaymentIntent)failed.Event.Data.Object).LastPaymentError.Code);
    }

    [Fact]
    public async Task An_endpoint_that_fails_gets_the_webhook_again()
    {
        await using var sandbox = await SandboxServer.StartAsync(refuseFirstAttempt: true);
        var intent = await new PaymentIntentService(sandbox.Client()).CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" });

        var created = await sandbox.Received.WaitForAsync("payment_intent.created", intent.Id);

        Assert.Equal(2, sandbox.Received.AttemptsOf(created.Event.Id));
    }

    [Fact]
    public async Task Held_webhooks_are_caught_up_from_the_events_list_then_delivered_on_release()
    {
        // Given webhooks held (lost, as far as the product can tell)
        await using var sandbox = await SandboxServer.StartAsync();
        var own = sandbox.Client();
        using var tests = sandbox.Http();
        (await tests.PostAsync("/sandbox/events/hold", null)).EnsureSuccessStatusCode();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).UtcDateTime;
        var intent = await new PaymentIntentService(own).CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur", CaptureMethod = "manual" });
        (await tests.PostAsync($"/sandbox/payment_intents/{intent.Id}/succeed", null)).EnsureSuccessStatusCode();
        await Task.Delay(600);
        Assert.Empty(sandbox.Received.All);

        // When the product polls the events, then it finds what happened
        var events = await new EventService(own).ListAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since }, Type = "payment_intent.*" });
        Assert.Equal(["payment_intent.amount_capturable_updated", "payment_intent.created"], events.Select(e => e.Type));

        // And once released, the webhooks come
        (await tests.PostAsync("/sandbox/events/release", null)).EnsureSuccessStatusCode();
        await sandbox.Received.WaitForAsync("payment_intent.amount_capturable_updated", intent.Id);
    }

    [Fact]
    public async Task Lists_page_newest_first()
    {
        // Given a sandbox with five captured payments (five charge balance transactions)
        await using var sandbox = await SandboxServer.StartAsync();
        var own = sandbox.Client();
        var intents = new PaymentIntentService(own);
        foreach (var amount in new long[] { 100, 200, 300, 400, 500 })
        {
            var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = "eur", CaptureMethod = "manual" });
            await intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
            await intents.CaptureAsync(intent.Id);
        }

        // When they are read two at a time
        var transactions = new BalanceTransactionService(own);
        var first = await transactions.ListAsync(new BalanceTransactionListOptions { Limit = 2 });
        var second = await transactions.ListAsync(new BalanceTransactionListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });
        var third = await transactions.ListAsync(new BalanceTransactionListOptions { Limit = 2, StartingAfter = second.Data[^1].Id });

        // Then the pages follow each other, newest first, and the last says there is no more
        Assert.Equal([500L, 400L, 300L, 200L, 100L], first.Concat(second).Concat(third).Select(t => t.Amount));
        Assert.True(first.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal("/v1/balance_transactions", first.Url);
        var all = new List<BalanceTransaction>();
        await foreach (var transaction in transactions.ListAutoPagingAsync(new BalanceTransactionListOptions { Limit = 2, Type = "charge" }))
        {
            all.Add(transaction);
        }

        Assert.Equal(5, all.Count);
        var bad = await Assert.ThrowsAsync<StripeException>(() => transactions.ListAsync(new BalanceTransactionListOptions { Limit = 101 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.HttpStatusCode);
    }

    [Fact]
    public async Task A_restarted_sandbox_keeps_its_state_in_its_state_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stripe-sandbox-{Guid.NewGuid():N}.json");
        try
        {
            string id;
            await using (var before = await SandboxServer.StartAsync(stateFile: file))
            {
                id = (await new PaymentIntentService(before.Client()).CreateAsync(new PaymentIntentCreateOptions { Amount = 250, Currency = "eur" }, new RequestOptions { IdempotencyKey = "kept" })).Id;
            }

            await using var after = await SandboxServer.StartAsync(stateFile: file);
            var intents = new PaymentIntentService(after.Client());

            Assert.Equal(250, (await intents.GetAsync(id)).Amount);
            Assert.Equal(id, (await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 250, Currency = "eur" }, new RequestOptions { IdempotencyKey = "kept" })).Id);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }
}
