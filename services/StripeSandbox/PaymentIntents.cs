using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Marketplace.StripeSandbox;

/// <summary>What a test card or test payment method does.</summary>
internal enum CardOutcome
{
    Succeeds,
    Declined,
    NeedsAuthentication,
}

/// <summary>The clock, settings and call an event is recorded with.</summary>
internal sealed record Moment(ApiCall? Call, SandboxOptions Options, long Now, string? BaseUrl = null);

/// <summary>
/// PaymentIntents and their charges: created, confirmed with a test payment method (or paid on the hosted page),
/// authorised for manual capture, captured once (the rest released), cancelled. Statuses as Stripe's:
/// requires_payment_method → requires_action → requires_capture → succeeded, or canceled.
/// </summary>
internal static class PaymentIntents
{
    /// <summary>Stripe's test payment methods and cards the sandbox knows (the cards by number on the hosted page).</summary>
    public static readonly IReadOnlyDictionary<string, (CardOutcome Outcome, string Brand, string Last4)> TestMethods = new Dictionary<string, (CardOutcome, string, string)>(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = (CardOutcome.Succeeds, "visa", "4242"),
        ["pm_card_mastercard"] = (CardOutcome.Succeeds, "mastercard", "4444"),
        ["pm_card_chargeDeclined"] = (CardOutcome.Declined, "visa", "0002"),
        ["pm_card_visa_chargeDeclined"] = (CardOutcome.Declined, "visa", "0002"),
        ["pm_card_authenticationRequired"] = (CardOutcome.NeedsAuthentication, "visa", "3155"),
        ["pm_card_threeDSecure2Required"] = (CardOutcome.NeedsAuthentication, "visa", "3155"),
        ["4242424242424242"] = (CardOutcome.Succeeds, "visa", "4242"),
        ["4000000000000002"] = (CardOutcome.Declined, "visa", "0002"),
        ["4000002500003155"] = (CardOutcome.NeedsAuthentication, "visa", "3155"),
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Post(routes, "/v1/payment_intents", Create);
        Api.Get(routes, "/v1/payment_intents/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("payment_intent", call.Route("id")))));
        Api.Post(routes, "/v1/payment_intents/{id}", Update);
        Api.Post(routes, "/v1/payment_intents/{id}/confirm", Confirm);
        Api.Post(routes, "/v1/payment_intents/{id}/capture", Capture);
        Api.Post(routes, "/v1/payment_intents/{id}/cancel", Cancel);
        Api.Get(routes, "/v1/charges/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("charge", call.Route("id")))));
    }

    private static Reply Create(ApiCall call)
    {
        var p = call.Params.Only("amount", "currency", "capture_method", "transfer_group", "metadata[", "description", "payment_method_types[",
            "automatic_payment_methods[", "confirm", "payment_method", "return_url", "receipt_email", "statement_descriptor", "statement_descriptor_suffix");
        var amount = p.RequiredAmount("amount");
        var currency = p.Currency();
        var capture = p.OneOf("capture_method", "automatic", "automatic_async", "manual") ?? "automatic_async";
        var metadata = p.Metadata();
        var confirm = p.Flag("confirm");
        return call.Store.Write(state =>
        {
            var moment = new Moment(call, call.Options, call.Store.Now);
            var id = Ids.New("pi_");
            var intent = state.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = amount,
                ["amount_capturable"] = 0L,
                ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() },
                ["amount_received"] = 0L,
                ["application"] = null,
                ["application_fee_amount"] = null,
                ["automatic_payment_methods"] = null,
                ["canceled_at"] = null,
                ["cancellation_reason"] = null,
                ["capture_method"] = capture,
                ["client_secret"] = $"{id}_secret_{Ids.New("")}",
                ["confirmation_method"] = "automatic",
                ["created"] = moment.Now,
                ["currency"] = currency,
                ["customer"] = null,
                ["customer_account"] = null,
                ["description"] = p.Text("description"),
                ["excluded_payment_method_types"] = null,
                ["last_payment_error"] = null,
                ["latest_charge"] = null,
                ["livemode"] = false,
                ["managed_payments"] = null,
                ["metadata"] = metadata,
                ["next_action"] = null,
                ["on_behalf_of"] = null,
                ["payment_method"] = null,
                ["payment_method_configuration_details"] = null,
                ["payment_method_options"] = new JsonObject(),
                ["payment_method_types"] = new JsonArray("card"),
                ["processing"] = null,
                ["receipt_email"] = p.Text("receipt_email"),
                ["review"] = null,
                ["setup_future_usage"] = null,
                ["shipping"] = null,
                ["source"] = null,
                ["statement_descriptor"] = p.Text("statement_descriptor"),
                ["statement_descriptor_suffix"] = p.Text("statement_descriptor_suffix"),
                ["status"] = "requires_payment_method",
                ["transfer_data"] = null,
                ["transfer_group"] = p.Text("transfer_group"),
            });
            StripeObjects.Emit(call, state, call.Options, moment.Now, "payment_intent.created", intent);
            return confirm ? ConfirmWith(call, state, moment, intent) : StripeObjects.Answer(call, state, intent);
        });
    }

    private static Reply Update(ApiCall call)
    {
        var p = call.Params.Only("amount", "metadata[", "description", "transfer_group", "receipt_email");
        var amount = p.Amount("amount");
        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var intent = state.Get("payment_intent", call.Route("id"));
            if (amount is not null && (string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
            {
                throw StripeError.UnexpectedState($"The amount of a PaymentIntent with status {(string?)intent["status"]} cannot be changed.");
            }

            intent["amount"] = amount ?? (long)intent["amount"]!;
            foreach (var (key, value) in metadata)
            {
                intent["metadata"]![key] = value?.DeepClone();
            }

            intent["description"] = p.Text("description") ?? (string?)intent["description"];
            intent["transfer_group"] = p.Text("transfer_group") ?? (string?)intent["transfer_group"];
            intent["receipt_email"] = p.Text("receipt_email") ?? (string?)intent["receipt_email"];
            return StripeObjects.Answer(call, state, intent);
        });
    }

    private static Reply Confirm(ApiCall call)
    {
        call.Params.Only("payment_method", "return_url", "off_session", "payment_method_types[");
        return call.Store.Write(state => ConfirmWith(call, state, new Moment(call, call.Options, call.Store.Now), state.Get("payment_intent", call.Route("id"))));
    }

    /// <summary>Confirms with a test payment method: authorised (200), declined (402 card_error, as Stripe) or requires_action (200).</summary>
    private static Reply ConfirmWith(ApiCall call, SandboxState state, Moment moment, JsonObject intent)
    {
        var method = call.Params.RequiredText("payment_method");
        if (!TestMethods.TryGetValue(method, out var card) || !method.StartsWith("pm_", StringComparison.Ordinal))
        {
            throw StripeError.Missing("payment_method", method, "payment_method");
        }

        var returnUrl = call.Params.Text("return_url");
        switch (Pay(state, moment, intent, card.Outcome, card.Brand, card.Last4, returnUrl))
        {
            case CardOutcome.Declined:
                throw new StripeError(StatusCodes.Status402PaymentRequired, "card_error", "card_declined", "Your card was declined.", extra: new JsonObject
                {
                    ["decline_code"] = "generic_decline",
                    ["payment_intent"] = intent.DeepClone(),
                });
            default:
                return StripeObjects.Answer(call, state, intent);
        }
    }

    /// <summary>The customer pays with a card (hosted page, confirm, test control): the outcome the card has, applied to the intent.</summary>
    public static CardOutcome Pay(SandboxState state, Moment moment, JsonObject intent, CardOutcome outcome, string brand, string last4, string? returnUrl)
    {
        if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation"))
        {
            throw StripeError.UnexpectedState($"You cannot confirm this PaymentIntent because it has a status of {(string?)intent["status"]}.");
        }

        intent["payment_method"] = Ids.New("pm_");
        intent["last_payment_error"] = null;
        switch (outcome)
        {
            case CardOutcome.Succeeds:
                Authorise(state, moment, intent, brand, last4);
                break;
            case CardOutcome.Declined:
                Fail(state, moment, intent, "card_declined", "Your card was declined.");
                break;
            default:
                var secret = Uri.EscapeDataString((string)intent["client_secret"]!);
                var back = returnUrl is null ? "" : $"&return_url={Uri.EscapeDataString(returnUrl)}";
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject
                    {
                        ["return_url"] = returnUrl,
                        ["url"] = $"{moment.Call?.PublicUrl ?? moment.BaseUrl ?? ""}/pay/{(string)intent["id"]!}/authenticate?client_secret={secret}{back}",
                    },
                };
                StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "payment_intent.requires_action", intent);
                break;
        }

        return outcome;
    }

    /// <summary>The customer authenticated (or failed to) on the bank's page.</summary>
    public static void Authenticate(SandboxState state, Moment moment, JsonObject intent, bool approved)
    {
        if ((string?)intent["status"] != "requires_action")
        {
            throw StripeError.UnexpectedState($"This PaymentIntent has a status of {(string?)intent["status"]}: there is nothing to authenticate.");
        }

        intent["next_action"] = null;
        if (approved)
        {
            Authorise(state, moment, intent, "visa", "3155");
        }
        else
        {
            Fail(state, moment, intent, "payment_intent_authentication_failure",
                "We are unable to authenticate your payment method. Please choose a different payment method and try again.");
        }
    }

    private static void Fail(SandboxState state, Moment moment, JsonObject intent, string code, string message)
    {
        intent["status"] = "requires_payment_method";
        intent["next_action"] = null;
        intent["last_payment_error"] = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = code == "card_declined" ? "generic_decline" : null,
            ["message"] = message,
            ["payment_method"] = null,
        };
        intent["payment_method"] = null;
        StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "payment_intent.payment_failed", intent);
    }

    /// <summary>The card is authorised: an uncaptured charge holds the amount; automatic capture captures it at once.</summary>
    private static void Authorise(SandboxState state, Moment moment, JsonObject intent, string brand, string last4)
    {
        var amount = (long)intent["amount"]!;
        var currency = (string)intent["currency"]!;
        var chargeId = Ids.New("ch_");
        var charge = state.Add(new JsonObject
        {
            ["id"] = chargeId,
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_captured"] = 0L,
            ["amount_refunded"] = 0L,
            ["application"] = null,
            ["application_fee"] = null,
            ["application_fee_amount"] = null,
            ["balance_transaction"] = null,
            ["billing_details"] = new JsonObject
            {
                ["address"] = new JsonObject { ["city"] = null, ["country"] = null, ["line1"] = null, ["line2"] = null, ["postal_code"] = null, ["state"] = null },
                ["email"] = null,
                ["name"] = null,
                ["phone"] = null,
                ["tax_id"] = null,
            },
            ["calculated_statement_descriptor"] = "MARKETPLACE",
            ["captured"] = false,
            ["created"] = moment.Now,
            ["currency"] = currency,
            ["customer"] = null,
            ["description"] = intent["description"]?.DeepClone(),
            ["disputed"] = false,
            ["failure_balance_transaction"] = null,
            ["failure_code"] = null,
            ["failure_message"] = null,
            ["fraud_details"] = new JsonObject(),
            ["livemode"] = false,
            ["metadata"] = intent["metadata"]!.DeepClone(),
            ["on_behalf_of"] = null,
            ["outcome"] = new JsonObject
            {
                ["advice_code"] = null,
                ["network_advice_code"] = null,
                ["network_decline_code"] = null,
                ["network_status"] = "approved_by_network",
                ["reason"] = null,
                ["seller_message"] = "Payment complete.",
                ["type"] = "authorized",
            },
            ["paid"] = true,
            ["payment_intent"] = intent["id"]!.DeepClone(),
            ["payment_method"] = intent["payment_method"]!.DeepClone(),
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["amount_authorized"] = amount,
                    ["authorization_code"] = null,
                    ["brand"] = brand,
                    ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
                    ["country"] = "FR",
                    ["exp_month"] = 12,
                    ["exp_year"] = 2034,
                    ["extended_authorization"] = new JsonObject { ["status"] = "disabled" },
                    ["fingerprint"] = "sandbox" + last4,
                    ["funding"] = "credit",
                    ["incremental_authorization"] = new JsonObject { ["status"] = "unavailable" },
                    ["installments"] = null,
                    ["last4"] = last4,
                    ["mandate"] = null,
                    ["multicapture"] = new JsonObject { ["status"] = "unavailable" },
                    ["network"] = brand,
                    ["network_token"] = new JsonObject { ["used"] = false },
                    ["network_transaction_id"] = null,
                    ["overcapture"] = new JsonObject { ["maximum_amount_capturable"] = amount, ["status"] = "unavailable" },
                    ["regulated_status"] = "unregulated",
                    ["three_d_secure"] = null,
                    ["transaction_link_id"] = null,
                    ["wallet"] = null,
                },
                ["type"] = "card",
            },
            ["receipt_email"] = intent["receipt_email"]?.DeepClone(),
            ["receipt_number"] = null,
            ["receipt_url"] = null,
            ["refunded"] = false,
            ["refunds"] = StripeObjects.EmptyList($"/v1/charges/{chargeId}/refunds"),
            ["review"] = null,
            ["shipping"] = null,
            ["source"] = null,
            ["source_transfer"] = null,
            ["statement_descriptor"] = null,
            ["statement_descriptor_suffix"] = null,
            ["status"] = "succeeded",
            ["transfer_data"] = null,
            ["transfer_group"] = intent["transfer_group"]?.DeepClone(),
        });
        intent["latest_charge"] = chargeId;
        intent["status"] = "requires_capture";
        intent["amount_capturable"] = amount;
        if ((string?)intent["capture_method"] == "manual")
        {
            StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "charge.succeeded", charge);
            StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "payment_intent.amount_capturable_updated", intent);
        }
        else
        {
            CaptureAmount(state, moment, intent, amount);
        }
    }

    private static Reply Capture(ApiCall call)
    {
        var p = call.Params.Only("amount_to_capture", "metadata[", "statement_descriptor", "statement_descriptor_suffix");
        var requested = p.Amount("amount_to_capture");
        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var intent = state.Get("payment_intent", call.Route("id"));
            if ((string?)intent["status"] != "requires_capture")
            {
                throw StripeError.UnexpectedState($"This PaymentIntent could not be captured because it has a status of {(string?)intent["status"]}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.");
            }

            var capturable = (long)intent["amount_capturable"]!;
            var amount = requested ?? capturable;
            if (amount > capturable)
            {
                throw StripeError.Invalid($"The amount to capture ({amount}) is greater than the amount capturable ({capturable}).", "amount_to_capture", "amount_too_large");
            }

            foreach (var (key, value) in metadata)
            {
                intent["metadata"]![key] = value?.DeepClone();
            }

            CaptureAmount(state, new Moment(call, call.Options, call.Store.Now), intent, amount);
            return StripeObjects.Answer(call, state, intent);
        });
    }

    /// <summary>Captures once: the charge is captured for the amount (its balance transaction takes the fee), the rest of the authorisation is released.</summary>
    private static void CaptureAmount(SandboxState state, Moment moment, JsonObject intent, long amount)
    {
        var charge = state.Get("charge", (string)intent["latest_charge"]!);
        var currency = (string)intent["currency"]!;
        charge["captured"] = true;
        charge["amount_captured"] = amount;
        charge["balance_transaction"] = StripeObjects.BalanceTransaction(state, moment.Now, "charge", "charge", amount, ProcessingFeeOf(amount), currency,
            (string)charge["id"]!, (string?)intent["description"] ?? $"Payment {(string)intent["id"]!}");
        intent["status"] = "succeeded";
        intent["amount_capturable"] = 0L;
        intent["amount_received"] = amount;
        StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "charge.captured", charge);
        StripeObjects.Emit(moment.Call, state, moment.Options, moment.Now, "payment_intent.succeeded", intent);
    }

    private static long ProcessingFeeOf(long amount) => StripeObjects.ProcessingFee(amount);

    private static Reply Cancel(ApiCall call)
    {
        var reason = call.Params.Only("cancellation_reason").OneOf("cancellation_reason", "abandoned", "duplicate", "fraudulent", "requested_by_customer");
        return call.Store.Write(state =>
        {
            var intent = state.Get("payment_intent", call.Route("id"));
            if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation" or "requires_action" or "requires_capture"))
            {
                throw StripeError.UnexpectedState($"You cannot cancel this PaymentIntent because it has a status of {(string?)intent["status"]}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
            }

            var now = call.Store.Now;
            intent["status"] = "canceled";
            intent["canceled_at"] = now;
            intent["cancellation_reason"] = reason;
            intent["amount_capturable"] = 0L;
            intent["next_action"] = null;
            StripeObjects.Emit(call, state, call.Options, now, "payment_intent.canceled", intent);
            return StripeObjects.Answer(call, state, intent);
        });
    }

    /// <summary>The hosted payment page and the bank's authentication page (a stand-in for Stripe's Checkout and 3-D Secure).</summary>
    public static void MapPages(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/pay/{id}", (string id, string? client_secret, string? return_url, SandboxStore store) =>
            WithIntent(store, id, client_secret, intent => PaymentForm(intent, client_secret!, return_url, error: null)));
        routes.MapPost("/pay/{id}", async (string id, HttpContext http, SandboxStore store, IOptions<SandboxOptions> options) =>
        {
            var form = await Pages.FormAsync(http.Request);
            var (secret, back) = (form["client_secret"].ToString(), NullIfEmpty(form["return_url"].ToString()));
            var number = new string([.. form["card_number"].ToString().Where(char.IsAsciiDigit)]);
            if (!TestMethods.TryGetValue(number, out var card) || number.StartsWith("pm_", StringComparison.Ordinal))
            {
                return WithIntent(store, id, secret, intent => PaymentForm(intent, secret, back,
                    "This card number is not one of the sandbox's test cards: use 4242 4242 4242 4242, 4000 0000 0000 0002 or 4000 0025 0000 3155."));
            }

            return WithIntent(store, id, secret, _ => store.Write(state =>
            {
                var intent = state.Get("payment_intent", id);
                var moment = new Moment(null, options.Value, store.Now, Pages.PublicUrl(http, options.Value));
                return Pay(state, moment, intent, card.Outcome, card.Brand, card.Last4, back) switch
                {
                    CardOutcome.NeedsAuthentication => Results.Redirect((string)intent["next_action"]!["redirect_to_url"]!["url"]!),
                    var outcome => Finish(intent, back, outcome == CardOutcome.Succeeds),
                };
            }));
        }).DisableAntiforgery();
        routes.MapGet("/pay/{id}/authenticate", (string id, string? client_secret, string? return_url, SandboxStore store) =>
            WithIntent(store, id, client_secret, intent => Pages.Page("Authenticate your payment (sandbox bank)", $"""
                <p>Your bank asks you to confirm the payment of {Pages.Encode(Amount(intent))}. This is a test page: choose the outcome.</p>
                <form method="post">
                <input type="hidden" name="client_secret" value="{Pages.Encode(client_secret!)}">
                <input type="hidden" name="return_url" value="{Pages.Encode(return_url ?? "")}">
                <button type="submit" name="decision" value="approve">Complete authentication</button>
                <button type="submit" name="decision" value="fail">Fail authentication</button>
                </form>
                """)));
        routes.MapPost("/pay/{id}/authenticate", async (string id, HttpContext http, SandboxStore store, IOptions<SandboxOptions> options) =>
        {
            var form = await Pages.FormAsync(http.Request);
            var (secret, back, approved) = (form["client_secret"].ToString(), NullIfEmpty(form["return_url"].ToString()), form["decision"] == "approve");
            return WithIntent(store, id, secret, _ => store.Write(state =>
            {
                var intent = state.Get("payment_intent", id);
                Authenticate(state, new Moment(null, options.Value, store.Now), intent, approved);
                return Finish(intent, back, approved);
            }));
        }).DisableAntiforgery();
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Amount(JsonObject intent) =>
        $"{((long)intent["amount"]! / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {((string)intent["currency"]!).ToUpperInvariant()}";

    /// <summary>The page answers only with the intent's client secret, as Stripe.js needs it; a refusal is a page, never a 500.</summary>
    private static IResult WithIntent(SandboxStore store, string id, string? secret, Func<JsonObject, IResult> show)
    {
        try
        {
            var intent = store.Read(state => state.Objects.GetValueOrDefault(id)?.DeepClone().AsObject());
            if (intent is null || (string?)intent["object"] != "payment_intent" || secret is null || (string?)intent["client_secret"] != secret)
            {
                return Pages.Page("Payment not found", "<p>No payment with this address and client secret.</p>", StatusCodes.Status404NotFound);
            }

            return show(intent);
        }
        catch (StripeError error)
        {
            return Pages.Page("This payment cannot go on", $"<p class=\"error\" role=\"alert\">{Pages.Encode(error.Message)}</p>", StatusCodes.Status400BadRequest);
        }
    }

    private static IResult PaymentForm(JsonObject intent, string secret, string? back, string? error)
    {
        if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation"))
        {
            return Pages.Page("Payment", $"<p>This payment is {Pages.Encode((string)intent["status"]!)}: there is nothing to pay here.</p>"
                + (back is null ? "" : $"<p><a href=\"{Pages.Encode(back)}\">Back to the shop</a></p>"));
        }

        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\" id=\"card-error\">{Pages.Encode(error)}</p>";
        return Pages.Page("Pay (Stripe sandbox)", $"""
            <p>Amount: <strong>{Pages.Encode(Amount(intent))}</strong></p>
            {message}
            <form method="post">
            <input type="hidden" name="client_secret" value="{Pages.Encode(secret)}">
            <input type="hidden" name="return_url" value="{Pages.Encode(back ?? "")}">
            <label for="card_number">Card number</label>
            <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required{(error is null ? "" : " aria-describedby=\"card-error\" aria-invalid=\"true\"")}>
            <button type="submit">Pay</button>
            </form>
            <p>Test cards: 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined), 4000 0025 0000 3155 (asks for authentication).</p>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>Back to the shop as Stripe returns: payment_intent, payment_intent_client_secret and redirect_status on the return_url.</summary>
    private static IResult Finish(JsonObject intent, string? back, bool succeeded)
    {
        var status = succeeded ? "succeeded" : "failed";
        if (back is null)
        {
            return Pages.Page(succeeded ? "Payment authorised" : "Payment failed", $"<p>The payment is {Pages.Encode((string)intent["status"]!)}.</p>");
        }

        var separator = back.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{back}{separator}payment_intent={Uri.EscapeDataString((string)intent["id"]!)}&payment_intent_client_secret={Uri.EscapeDataString((string)intent["client_secret"]!)}&redirect_status={status}");
    }
}
