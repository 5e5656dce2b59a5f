namespace Marketplace.StripeSandbox;

/// <summary>
/// Controls for the product's tests, apart from Stripe's API under <c>/sandbox/…</c> (same secret key): pay without a
/// browser, complete a shop's onboarding, and hold webhooks to play lost ones. Stripe has none of these.
/// </summary>
internal static class TestControls
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Post(routes, "/sandbox/payment_intents/{id}/succeed", call => PayWith(call, "4242424242424242"));
        Api.Post(routes, "/sandbox/payment_intents/{id}/decline", call => PayWith(call, "4000000000000002"));
        Api.Post(routes, "/sandbox/payment_intents/{id}/require_action", call => PayWith(call, "4000002500003155"));
        Api.Post(routes, "/sandbox/accounts/{id}/onboard", call =>
        {
            call.Params.Only();
            return call.Store.Write(state => Reply.Ok(Accounts.Onboard(call, state, call.Options, call.Store.Now, call.Route("id")).DeepClone()));
        });
        Api.Post(routes, "/sandbox/events/hold", call => Hold(call, held: true));
        Api.Post(routes, "/sandbox/events/release", call => Hold(call, held: false));
    }

    /// <summary>
    /// As the customer on the hosted page: from requires_payment_method with that card; from requires_action,
    /// succeed completes the authentication and decline fails it.
    /// </summary>
    private static Reply PayWith(ApiCall call, string card)
    {
        call.Params.Only("return_url");
        var (outcome, brand, last4) = PaymentIntents.TestMethods[card];
        return call.Store.Write(state =>
        {
            var intent = state.Get("payment_intent", call.Route("id"));
            var moment = new Moment(call, call.Options, call.Store.Now);
            if ((string?)intent["status"] == "requires_action" && outcome != CardOutcome.NeedsAuthentication)
            {
                PaymentIntents.Authenticate(state, moment, intent, approved: outcome == CardOutcome.Succeeds);
            }
            else
            {
                PaymentIntents.Pay(state, moment, intent, outcome, brand, last4, call.Params.Text("return_url"));
            }

            return Reply.Ok(intent.DeepClone());
        });
    }

    private static Reply Hold(ApiCall call, bool held)
    {
        call.Params.Only();
        var pending = call.Store.Write(state =>
        {
            state.WebhooksHeld = held;
            return state.Deliveries.Count;
        });
        if (!held)
        {
            call.Http.RequestServices.GetServices<IHostedService>().OfType<Webhooks>().FirstOrDefault()?.Wake();
        }

        return Reply.Ok(new System.Text.Json.Nodes.JsonObject { ["object"] = "sandbox.webhooks", ["held"] = held, ["pending_deliveries"] = pending });
    }
}
