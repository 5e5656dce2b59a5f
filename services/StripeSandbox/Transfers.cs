using System.Text.Json.Nodes;

namespace Marketplace.StripeSandbox;

/// <summary>
/// Transfers to connected accounts (separate charges and transfers, grouped by transfer_group) and their reversals.
/// A transfer needs an account whose transfers capability is active; one drawn on a charge (source_transaction) cannot
/// take more than that charge captured, less what was refunded and what other transfers from it still hold.
/// </summary>
internal static class Transfers
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Post(routes, "/v1/transfers", Create);
        Api.Get(routes, "/v1/transfers/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("transfer", call.Route("id")))));
        Api.Get(routes, "/v1/transfers", call =>
        {
            var p = call.Params.Only("limit", "starting_after", "ending_before", "created", "created[", "transfer_group", "destination");
            return call.Store.Read(state => StripeObjects.Page(call, state, "transfer", "/v1/transfers", transfer =>
                (p.Text("transfer_group") is not { } group || (string?)transfer["transfer_group"] == group)
                && (p.Text("destination") is not { } destination || (string?)transfer["destination"] == destination)));
        });
        Api.Post(routes, "/v1/transfers/{id}/reversals", Reverse);
        Api.Get(routes, "/v1/transfers/{id}/reversals/{reversal}", call => call.Store.Read(state =>
        {
            var reversal = state.Get("transfer_reversal", call.Route("reversal"));
            return (string?)reversal["transfer"] == call.Route("id") ? StripeObjects.Answer(call, state, reversal) : throw StripeError.Missing("transfer_reversal", call.Route("reversal"));
        }));
    }

    private static Reply Create(ApiCall call)
    {
        var p = call.Params.Only("amount", "currency", "destination", "transfer_group", "source_transaction", "metadata[", "description");
        var amount = p.RequiredAmount("amount");
        var currency = p.Currency();
        var destination = p.RequiredText("destination");
        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var account = state.Objects.TryGetValue(destination, out var found) && (string?)found["object"] == "account"
                ? found
                : throw StripeError.Invalid($"No such destination: '{destination}'", "destination", "resource_missing");
            if ((string?)account["capabilities"]!["transfers"] != "active")
            {
                throw StripeError.Invalid($"Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments ({destination} has not completed onboarding).",
                    "destination", "insufficient_capabilities_for_transfer");
            }

            if (p.Text("source_transaction") is { } source)
            {
                var charge = state.Get("charge", source, "source_transaction");
                var used = state.All("transfer").Where(transfer => (string?)transfer["source_transaction"] == source)
                    .Sum(transfer => (long)transfer["amount"]! - (long)transfer["amount_reversed"]!);
                var available = (long)charge["amount_captured"]! - (long)charge["amount_refunded"]! - used;
                if ((string?)charge["currency"] != currency || amount > available)
                {
                    throw StripeError.Invalid($"Insufficient funds in the source transaction {source}: {available} {charge["currency"]} left to transfer.", "amount", "balance_insufficient");
                }
            }

            var now = call.Store.Now;
            var id = Ids.New("tr_");
            var transfer = state.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "transfer",
                ["amount"] = amount,
                ["amount_reversed"] = 0L,
                ["balance_transaction"] = StripeObjects.BalanceTransaction(state, now, "transfer", "transfer", -amount, 0, currency, id, p.Text("description")),
                ["created"] = now,
                ["currency"] = currency,
                ["description"] = p.Text("description"),
                ["destination"] = destination,
                ["destination_payment"] = Ids.New("py_"),
                ["livemode"] = false,
                ["metadata"] = metadata,
                ["reversals"] = StripeObjects.EmptyList($"/v1/transfers/{id}/reversals"),
                ["reversed"] = false,
                ["source_transaction"] = p.Text("source_transaction"),
                ["source_type"] = "card",
                ["transfer_group"] = p.Text("transfer_group"),
            });
            StripeObjects.Emit(call, state, call.Options, now, "transfer.created", transfer);
            return StripeObjects.Answer(call, state, transfer);
        });
    }

    private static Reply Reverse(ApiCall call)
    {
        var p = call.Params.Only("amount", "metadata[", "description", "refund_application_fee");
        var requested = p.Amount("amount");
        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var transfer = state.Get("transfer", call.Route("id"));
            var left = (long)transfer["amount"]! - (long)transfer["amount_reversed"]!;
            var amount = requested ?? left;
            if (amount > left || left == 0)
            {
                throw StripeError.Invalid($"The amount to reverse ({amount}) is greater than what the transfer has left ({left}).", "amount", "amount_too_large");
            }

            var now = call.Store.Now;
            var id = Ids.New("trr_");
            var currency = (string)transfer["currency"]!;
            var reversal = state.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "transfer_reversal",
                ["amount"] = amount,
                ["balance_transaction"] = StripeObjects.BalanceTransaction(state, now, "transfer_cancel", "transfer_reversal", amount, 0, currency, id, p.Text("description")),
                ["created"] = now,
                ["currency"] = currency,
                ["destination_payment_refund"] = Ids.New("pyr_"),
                ["metadata"] = metadata,
                ["source_refund"] = null,
                ["transfer"] = transfer["id"]!.DeepClone(),
            });
            transfer["amount_reversed"] = (long)transfer["amount_reversed"]! + amount;
            transfer["reversed"] = (long)transfer["amount_reversed"]! == (long)transfer["amount"]!;
            StripeObjects.AppendTo(transfer, "reversals", reversal);
            StripeObjects.Emit(call, state, call.Options, now, "transfer.reversed", transfer);
            return StripeObjects.Answer(call, state, reversal);
        });
    }
}
