using System.Net;
using Stripe;

namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>Payments through Stripe.net against the sandbox: authorise, capture once (the rest released), decline, authentication, cancel.</summary>
public sealed class PaymentIntentTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private readonly PaymentIntentService _intents = new(fixture.Server.Client());

    private Task<PaymentIntent> AuthorisationAsync(long amount, string? order = null) => _intents.CreateAsync(new PaymentIntentCreateOptions
    {
        Amount = amount,
        Currency = "eur",
        CaptureMethod = "manual",
        TransferGroup = order ?? Guid.NewGuid().ToString(),
        Metadata = new Dictionary<string, string> { ["cooperative"] = "demo" },
    });

    [Fact]
    public async Task Manual_capture_authorises_then_captures_part_and_releases_the_rest()
    {
        // Given an order's payment, authorised with a card that succeeds
        var order = Guid.NewGuid().ToString();
        var created = await AuthorisationAsync(1000, order);
        Assert.Equal("requires_payment_method", created.Status);
        Assert.StartsWith("pi_", created.Id, StringComparison.Ordinal);
        Assert.StartsWith($"{created.Id}_secret_", created.ClientSecret, StringComparison.Ordinal);
        var authorised = await _intents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        Assert.Equal("requires_capture", authorised.Status);
        Assert.Equal(1000, authorised.AmountCapturable);
        Assert.StartsWith("ch_", authorised.LatestChargeId, StringComparison.Ordinal);

        // When only what the shops accepted is captured
        var captured = await _intents.CaptureAsync(created.Id, new PaymentIntentCaptureOptions { AmountToCapture = 600 });

        // Then 600 is received, nothing stays capturable, and the charge's balance transaction takes the fee (1.5 % + 25)
        Assert.Equal("succeeded", captured.Status);
        Assert.Equal(600, captured.AmountReceived);
        Assert.Equal(0, captured.AmountCapturable);
        var read = await _intents.GetAsync(created.Id, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });
        Assert.Equal(order, read.TransferGroup);
        Assert.Equal("demo", read.Metadata["cooperative"]);
        Assert.True(read.LatestCharge.Captured);
        Assert.Equal(600, read.LatestCharge.AmountCaptured);
        Assert.Equal(600, read.LatestCharge.BalanceTransaction.Amount);
        Assert.Equal(9 + 25, read.LatestCharge.BalanceTransaction.Fee);
        Assert.Equal(600 - 34, read.LatestCharge.BalanceTransaction.Net);
        Assert.Equal("stripe_fee", Assert.Single(read.LatestCharge.BalanceTransaction.FeeDetails).Type);
    }

    [Fact]
    public async Task A_payment_is_captured_once()
    {
        var intent = await AuthorisationAsync(500);
        await _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        await _intents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 200 });

        var again = await Assert.ThrowsAsync<StripeException>(() => _intents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 100 }));

        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("payment_intent_unexpected_state", again.StripeError.Code);
        Assert.Equal(200, (await _intents.GetAsync(intent.Id)).AmountReceived);
    }

    [Fact]
    public async Task More_than_the_authorisation_is_not_captured()
    {
        var intent = await AuthorisationAsync(500);
        await _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        var refused = await Assert.ThrowsAsync<StripeException>(() => _intents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 501 }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("amount_to_capture", refused.StripeError.Param);
        Assert.Equal("requires_capture", (await _intents.GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task A_declined_card_answers_402_and_the_payment_can_be_tried_again()
    {
        var intent = await AuthorisationAsync(700);

        var declined = await Assert.ThrowsAsync<StripeException>(() => _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" }));

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.HttpStatusCode);
        Assert.Equal("card_error", declined.StripeError.Type);
        Assert.Equal("card_declined", declined.StripeError.Code);
        Assert.Equal("generic_decline", declined.StripeError.DeclineCode);
        var read = await _intents.GetAsync(intent.Id);
        Assert.Equal("requires_payment_method", read.Status);
        Assert.Equal("card_declined", read.LastPaymentError.Code);
        Assert.Null(read.LatestChargeId);
        Assert.Equal("requires_capture", (await _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" })).Status);
    }

    [Fact]
    public async Task A_card_that_needs_authentication_waits_for_the_customer_then_is_authorised()
    {
        // Given a payment confirmed with a card that asks for authentication
        var intent = await AuthorisationAsync(900);
        var pending = await _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_authenticationRequired", ReturnUrl = "https://shop.example/back" });
        Assert.Equal("requires_action", pending.Status);
        Assert.Equal("redirect_to_url", pending.NextAction.Type);
        var page = pending.NextAction.RedirectToUrl.Url;
        Assert.StartsWith($"{fixture.Server.Url}/pay/{intent.Id}/authenticate", page, StringComparison.Ordinal);

        // When the customer approves on the bank's page
        using var browser = fixture.Server.Http();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page).Query);
        using var answer = await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = query["client_secret"]!,
            ["return_url"] = query["return_url"]!,
            ["decision"] = "approve",
        }));

        // Then the customer is sent back to the shop and the payment is authorised
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith($"https://shop.example/back?payment_intent={intent.Id}&", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("redirect_status=succeeded", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("requires_capture", (await _intents.GetAsync(intent.Id)).Status);
    }

    [Theory]
    [InlineData("4242 4242 4242 4242", "succeeded", "requires_capture")]
    [InlineData("4000 0000 0000 0002", "failed", "requires_payment_method")]
    public async Task The_hosted_payment_page_pays_with_a_test_card(string card, string redirectStatus, string status)
    {
        var intent = await AuthorisationAsync(1250);
        using var browser = fixture.Server.Http();
        var address = $"/pay/{intent.Id}?client_secret={Uri.EscapeDataString(intent.ClientSecret)}&return_url={Uri.EscapeDataString("https://shop.example/orders/1")}";
        var form = await browser.GetStringAsync(address);
        Assert.Contains("<label for=\"card_number\">Card number</label>", form, StringComparison.Ordinal);
        Assert.Contains("12.50 EUR", form, StringComparison.Ordinal);

        using var paid = await browser.PostAsync($"/pay/{intent.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = "https://shop.example/orders/1",
            ["card_number"] = card,
        }));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.EndsWith($"redirect_status={redirectStatus}", paid.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(status, (await _intents.GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task The_hosted_page_sends_a_card_that_needs_authentication_to_the_bank_where_it_can_fail()
    {
        var intent = await AuthorisationAsync(300);
        using var browser = fixture.Server.Http();
        using var paid = await browser.PostAsync($"/pay/{intent.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = "https://shop.example/o",
            ["card_number"] = "4000002500003155",
        }));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Contains($"/pay/{intent.Id}/authenticate?", paid.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var failed = await browser.PostAsync($"/pay/{intent.Id}/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = "https://shop.example/o",
            ["decision"] = "fail",
        }));

        Assert.EndsWith("redirect_status=failed", failed.Headers.Location!.ToString(), StringComparison.Ordinal);
        var read = await _intents.GetAsync(intent.Id);
        Assert.Equal("requires_payment_method", read.Status);
        Assert.Equal("payment_intent_authentication_failure", read.LastPaymentError.Code);
    }

    [Fact]
    public async Task The_hosted_page_needs_the_client_secret_and_a_test_card()
    {
        var intent = await AuthorisationAsync(300);
        using var browser = fixture.Server.Http();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/pay/{intent.Id}?client_secret=pi_other_secret_x")).StatusCode);
        using var unknownCard = await browser.PostAsync($"/pay/{intent.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["card_number"] = "1234",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, unknownCard.StatusCode);
        Assert.Contains("role=\"alert\"", await unknownCard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("requires_payment_method", (await _intents.GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task A_cancelled_authorisation_cannot_be_captured()
    {
        var intent = await AuthorisationAsync(400);
        await _intents.ConfirmAsync(intent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        var cancelled = await _intents.CancelAsync(intent.Id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" });

        Assert.Equal("canceled", cancelled.Status);
        Assert.Equal("abandoned", cancelled.CancellationReason);
        Assert.NotNull(cancelled.CanceledAt);
        var refused = await Assert.ThrowsAsync<StripeException>(() => _intents.CaptureAsync(intent.Id));
        Assert.Equal("payment_intent_unexpected_state", refused.StripeError.Code);
    }

    [Fact]
    public async Task The_test_controls_pay_without_a_browser()
    {
        var intent = await AuthorisationAsync(800);
        using var tests = fixture.Server.Http();

        Assert.Equal(HttpStatusCode.OK, (await tests.PostAsync($"/sandbox/payment_intents/{intent.Id}/require_action", null)).StatusCode);
        Assert.Equal("requires_action", (await _intents.GetAsync(intent.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await tests.PostAsync($"/sandbox/payment_intents/{intent.Id}/succeed", null)).StatusCode);

        Assert.Equal("requires_capture", (await _intents.GetAsync(intent.Id)).Status);
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Server.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/sandbox/payment_intents/{intent.Id}/decline", null)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_a_stripe_400_and_a_wrong_key_a_401()
    {
        var negative = await Assert.ThrowsAsync<StripeException>(() => _intents.CreateAsync(new PaymentIntentCreateOptions { Amount = -5, Currency = "eur" }));
        Assert.Equal(HttpStatusCode.BadRequest, negative.HttpStatusCode);
        Assert.Equal("amount", negative.StripeError.Param);

        var options = new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" };
        options.AddExtraParam("colour", "blue");
        var unknown = await Assert.ThrowsAsync<StripeException>(() => _intents.CreateAsync(options));
        Assert.Equal("parameter_unknown", unknown.StripeError.Code);

        var missing = await Assert.ThrowsAsync<StripeException>(() => _intents.GetAsync("pi_does_not_exist"));
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
        Assert.Equal("resource_missing", missing.StripeError.Code);

        var live = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(fixture.Server.Client("sk_live_not_here")).GetAsync("pi_x"));
        Assert.Equal(HttpStatusCode.Unauthorized, live.HttpStatusCode);
    }

    [Fact]
    public async Task Malformed_requests_get_a_400_never_a_500()
    {
        var intent = await AuthorisationAsync(300);
        using var raw = fixture.Server.Http();

        using var json = await raw.PostAsync("/v1/payment_intents", new StringContent("{\"amount\":100}", System.Text.Encoding.UTF8, "application/json"));
        using var badDate = await raw.GetAsync("/v1/events?created[gt]=yesterday");
        using var badExpand = await raw.GetAsync($"/v1/payment_intents/{intent.Id}?expand[]=no_such_field");
        using var page = await raw.PostAsync($"/pay/{intent.Id}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var authenticate = await raw.PostAsync($"/pay/{intent.Id}/authenticate", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = intent.ClientSecret, ["decision"] = "approve" }));

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.BadRequest],
            new[] { json, badDate, badExpand, page, authenticate }.Select(response => response.StatusCode));
        Assert.Contains("\"param\":\"created[gt]\"", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("requires_payment_method", (await _intents.GetAsync(intent.Id)).Status);
    }
}
