using System.Text.Json.Nodes;

namespace Marketplace.StripeSandbox;

/// <summary>Refunds of a captured payment, never more than it captured less what was refunded already.</summary>
internal static class Refunds
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Post(routes, "/v1/refunds", Create);
        Api.Get(routes, "/v1/refunds/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("refund", call.Route("id")))));
        Api.Get(routes, "/v1/refunds", call =>
        {
            var p = call.Params.Only("limit", "starting_after", "ending_before", "created", "created[", "payment_intent", "charge");
            return call.Store.Read(state => StripeObjects.Page(call, state, "refund", "/v1/refunds", refund =>
                (p.Text("payment_intent") is not { } intent || (string?)refund["payment_intent"] == intent)
                && (p.Text("charge") is not { } charge || (string?)refund["charge"] == charge)));
        });
    }

    private static Reply Create(ApiCall call)
    {
        var p = call.Params.Only("payment_intent", "charge", "amount", "metadata[", "reason", "refund_application_fee", "reverse_transfer");
        var requested = p.Amount("amount");
        var reason = p.OneOf("reason", "duplicate", "fraudulent", "requested_by_customer");
        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var charge = p.Text("payment_intent") is { } intentId
                ? state.Get("payment_intent", intentId, "payment_intent")["latest_charge"] is JsonValue latest ? state.Get("charge", (string)latest!) : null
                : p.Text("charge") is { } chargeId ? state.Get("charge", chargeId, "charge")
                : throw StripeError.Invalid("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent", "parameter_missing");
            if (charge is null || !(bool)charge["captured"]!)
            {
                throw StripeError.Invalid("This payment has not been captured: cancel its PaymentIntent instead of refunding it.", "payment_intent", "charge_not_refundable");
            }

            var left = (long)charge["amount_captured"]! - (long)charge["amount_refunded"]!;
            var amount = requested ?? left;
            if (left == 0)
            {
                throw StripeError.Invalid($"Charge {(string)charge["id"]!} has already been refunded.", "charge", "charge_already_refunded");
            }

            if (amount > left)
            {
                throw StripeError.Invalid($"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})", "amount", "amount_too_large");
            }

            var now = call.Store.Now;
            var id = Ids.New("re_");
            var currency = (string)charge["currency"]!;
            var refund = state.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "refund",
                ["amount"] = amount,
                ["balance_transaction"] = StripeObjects.BalanceTransaction(state, now, "refund", "refund", -amount, 0, currency, id, "REFUND FOR CHARGE"),
                ["charge"] = charge["id"]!.DeepClone(),
                ["created"] = now,
                ["currency"] = currency,
                ["customer"] = null,
                ["customer_account"] = null,
                ["destination_details"] = new JsonObject { ["card"] = new JsonObject { ["type"] = "refund" }, ["type"] = "card" },
                ["metadata"] = metadata,
                ["payment_intent"] = charge["payment_intent"]?.DeepClone(),
                ["payment_method"] = charge["payment_method"]?.DeepClone(),
                ["reason"] = reason,
                ["receipt_number"] = null,
                ["source_transfer_reversal"] = null,
                ["status"] = "succeeded",
                ["transfer_reversal"] = null,
            });
            charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
            charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount_captured"]!;
            StripeObjects.AppendTo(charge, "refunds", refund);
            StripeObjects.Emit(call, state, call.Options, now, "refund.created", refund);
            StripeObjects.Emit(call, state, call.Options, now, "charge.refunded", charge);
            return StripeObjects.Answer(call, state, refund);
        });
    }
}
