using System.Text.Json.Nodes;

namespace Marketplace.StripeSandbox;

/// <summary>What several resources share: lists, expansion, events, balance transactions and the fee rule.</summary>
internal static class StripeObjects
{
    /// <summary>
    /// The sandbox's processing fee on a captured charge: 1.5 % of the amount, rounded half up, plus 25 minor units
    /// (a fixed rule close to Stripe's European card pricing, so that fees show in the ledger and reconciliation).
    /// </summary>
    public static long ProcessingFee(long amount) => ((amount * 15) + 500) / 1000 + 25;

    /// <summary>An empty embedded list, as Stripe embeds refunds in a charge or reversals in a transfer.</summary>
    public static JsonObject EmptyList(string url) => new() { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["total_count"] = 0L, ["url"] = url };

    public static void AppendTo(JsonObject owner, string list, JsonObject item)
    {
        var embedded = owner[list]!.AsObject();
        embedded["data"]!.AsArray().Insert(0, item.DeepClone());
        embedded["total_count"] = embedded["data"]!.AsArray().Count;
    }

    /// <summary>A copy of the object with the <c>expand[]</c> paths replaced by the objects they name (<c>latest_charge.balance_transaction</c>).</summary>
    public static JsonObject Expanded(SandboxState state, JsonObject stripeObject, IReadOnlyList<string> paths)
    {
        var copy = stripeObject.DeepClone().AsObject();
        foreach (var path in paths)
        {
            Expand(state, copy, path.Split('.'), path);
        }

        return copy;
    }

    private static void Expand(SandboxState state, JsonNode? node, ReadOnlySpan<string> path, string whole)
    {
        if (node is not JsonObject target || path.IsEmpty)
        {
            return;
        }

        var field = path[0];
        if (!target.ContainsKey(field))
        {
            throw StripeError.Invalid($"This property cannot be expanded ({whole}).", "expand", "parameter_invalid_string");
        }

        if (target[field] is JsonValue value && value.TryGetValue<string>(out var id) && state.Objects.TryGetValue(id, out var found))
        {
            target[field] = found.DeepClone();
        }

        if (target[field] is JsonObject { } inner && (string?)inner["object"] == "list" && path.Length > 1 && path[1] == "data")
        {
            foreach (var item in inner["data"]!.AsArray())
            {
                Expand(state, item, path[2..], whole);
            }

            return;
        }

        Expand(state, target[field], path[1..], whole);
    }

    /// <summary>
    /// A page of a Stripe list, newest first: <c>limit</c> (1–100, 10 by default), <c>starting_after</c> /
    /// <c>ending_before</c> an id of the list, <c>created</c> or <c>created[gt|gte|lt|lte]</c>.
    /// </summary>
    public static Reply Page(ApiCall call, SandboxState state, string kind, string url, Func<JsonObject, bool>? filter = null)
    {
        var p = call.Params;
        var limit = p.Integer("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeError.Invalid("Limit must be between 1 and 100.", "limit", "parameter_invalid_integer");
        }

        var created = (Exact: p.Integer("created"), Gt: p.Integer("created[gt]"), Gte: p.Integer("created[gte]"), Lt: p.Integer("created[lt]"), Lte: p.Integer("created[lte]"));
        var items = state.All(kind)
            .Where(item => filter is null || filter(item))
            .Where(item => (long)item["created"]! is var at
                && (created.Exact is null || at == created.Exact) && (created.Gt is null || at > created.Gt) && (created.Gte is null || at >= created.Gte)
                && (created.Lt is null || at < created.Lt) && (created.Lte is null || at <= created.Lte))
            .ToList();

        var start = 0;
        var end = items.Count;
        if (p.Text("starting_after") is { } after)
        {
            start = items.FindIndex(item => (string)item["id"]! == after) is var index and >= 0 ? index + 1 : throw StripeError.Missing(kind, after, "starting_after");
        }
        else if (p.Text("ending_before") is { } before)
        {
            end = items.FindIndex(item => (string)item["id"]! == before) is var index and >= 0 ? index : throw StripeError.Missing(kind, before, "ending_before");
            start = Math.Max(0, end - (int)limit);
        }

        var page = items.Skip(start).Take((int)Math.Min(limit, end - start)).ToList();
        var hasMore = p.Text("ending_before") is null ? start + page.Count < end : start > 0;
        var expand = p.Expand().Where(path => path.StartsWith("data.", StringComparison.Ordinal)).Select(path => path["data.".Length..]).ToList();
        return Reply.Ok(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page.Select(item => (JsonNode)Expanded(state, item, expand))]),
            ["has_more"] = hasMore,
            ["url"] = url,
        });
    }

    /// <summary>The object as answered: a copy, with what the call asked to expand.</summary>
    public static Reply Answer(ApiCall call, SandboxState state, JsonObject stripeObject) => Reply.Ok(Expanded(state, stripeObject, call.Params.Expand()));

    /// <summary>A balance transaction (txn_) for money moving on the platform's balance.</summary>
    public static string BalanceTransaction(SandboxState state, long now, string type, string category, long amount, long fee, string currency, string source, string? description)
    {
        var fees = new JsonArray();
        if (fee != 0)
        {
            fees.Add(new JsonObject { ["amount"] = fee, ["application"] = null, ["currency"] = currency, ["description"] = "Stripe processing fees", ["type"] = "stripe_fee" });
        }

        var transaction = state.Add(new JsonObject
        {
            ["id"] = Ids.New("txn_"),
            ["object"] = "balance_transaction",
            ["amount"] = amount,
            ["available_on"] = now,
            ["balance_type"] = "payments",
            ["created"] = now,
            ["currency"] = currency,
            ["description"] = description,
            ["exchange_rate"] = null,
            ["fee"] = fee,
            ["fee_details"] = fees,
            ["net"] = amount - fee,
            ["reporting_category"] = category,
            ["source"] = source,
            ["status"] = "available",
            ["type"] = type,
        });
        return (string)transaction["id"]!;
    }

    /// <summary>
    /// Records an event (kept for <c>GET /v1/events</c>) with a snapshot of the object, and queues it for every webhook
    /// endpoint. <paramref name="account"/> names the connected account for Connect events (account.updated).
    /// </summary>
    public static void Emit(ApiCall? call, SandboxState state, SandboxOptions options, long now, string type, JsonObject stripeObject,
        JsonObject? previous = null, string? account = null)
    {
        var data = new JsonObject { ["object"] = stripeObject.DeepClone() };
        if (previous is not null)
        {
            data["previous_attributes"] = previous;
        }

        var stripeEvent = new JsonObject
        {
            ["id"] = Ids.New("evt_"),
            ["object"] = "event",
            ["api_version"] = call?.Caller.ApiVersion ?? options.ApiVersion,
            ["created"] = now,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = options.WebhookUrls.Count,
            ["request"] = new JsonObject { ["id"] = call?.Caller.RequestId, ["idempotency_key"] = call?.Caller.IdempotencyKey },
            ["type"] = type,
        };
        if (account is not null)
        {
            stripeEvent["account"] = account;
        }

        state.Add(stripeEvent);
        var due = DateTimeOffset.FromUnixTimeSeconds(now);
        state.Deliveries.AddRange(options.WebhookUrls.Select(url => new Delivery((string)stripeEvent["id"]!, url, 0, due)));
    }
}
