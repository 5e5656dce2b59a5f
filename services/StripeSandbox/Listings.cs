namespace Marketplace.StripeSandbox;

/// <summary>Balance transactions (for reconciliation) and events (for catching up on webhooks that never came), as Stripe lists them.</summary>
internal static class Listings
{
    private static readonly string[] Paging = ["limit", "starting_after", "ending_before", "created", "created["];

    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Get(routes, "/v1/balance_transactions", call =>
        {
            var p = call.Params.Only([.. Paging, "type", "source", "currency"]);
            return call.Store.Read(state => StripeObjects.Page(call, state, "balance_transaction", "/v1/balance_transactions", transaction =>
                (p.Text("type") is not { } type || (string?)transaction["type"] == type)
                && (p.Text("source") is not { } source || (string?)transaction["source"] == source)
                && (p.Text("currency") is not { } currency || (string?)transaction["currency"] == currency)));
        });
        Api.Get(routes, "/v1/balance_transactions/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("balance_transaction", call.Route("id")))));
        Api.Get(routes, "/v1/events", call =>
        {
            var p = call.Params.Only([.. Paging, "type", "types[", "delivery_success"]);
            var types = p.Values.Where(pair => pair.Key.StartsWith("types[", StringComparison.Ordinal)).Select(pair => pair.Value).ToHashSet(StringComparer.Ordinal);
            return call.Store.Read(state => StripeObjects.Page(call, state, "event", "/v1/events", stripeEvent =>
                (p.Text("type") is not { } type || (type.EndsWith(".*", StringComparison.Ordinal)
                    ? ((string)stripeEvent["type"]!).StartsWith(type[..^1], StringComparison.Ordinal)
                    : (string?)stripeEvent["type"] == type))
                && (types.Count == 0 || types.Contains((string)stripeEvent["type"]!))));
        });
        Api.Get(routes, "/v1/events/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("event", call.Route("id")))));
    }
}
