using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Marketplace.StripeSandbox;

/// <summary>
/// Everything the sandbox knows, as Stripe objects in JSON, behind one lock (requests come concurrently), saved to
/// <see cref="SandboxOptions.StateFile"/> after every change when one is set so that a restart keeps it.
/// </summary>
internal sealed class SandboxStore
{
    private static readonly TimeSpan IdempotencyKeysKept = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly SandboxOptions _options;
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly SandboxState _state;

    public SandboxStore(TimeProvider clock, IOptions<SandboxOptions> options)
    {
        _clock = clock;
        _options = options.Value;
        _state = _options.StateFile is { } file && File.Exists(file)
            ? JsonSerializer.Deserialize<SandboxState>(File.ReadAllText(file)) ?? new SandboxState()
            : new SandboxState();
    }

    /// <summary>Woken when an event is waiting for delivery.</summary>
    public event Action? EventRecorded;

    public long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    public TimeProvider Clock => _clock;

    /// <summary>Reads or changes the state under the lock; a change is saved before the lock is let go.</summary>
    public T Write<T>(Func<SandboxState, T> change)
    {
        bool recorded;
        T result;
        lock (_gate)
        {
            var deliveries = _state.Deliveries.Count;
            result = change(_state);
            recorded = _state.Deliveries.Count > deliveries;
            Save();
        }

        if (recorded)
        {
            EventRecorded?.Invoke();
        }

        return result;
    }

    public T Read<T>(Func<SandboxState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    /// <summary>
    /// Stripe's idempotency: the first answer under a key is replayed (same status, same body) for 24 h; the same key
    /// with other parameters is refused; a call still running under the key answers 409 (Stripe.net retries it).
    /// </summary>
    public Reply Idempotent(string key, string fingerprint, Func<Reply> run)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            foreach (var stale in _state.IdempotencyKeys.Where(pair => now - pair.Value.At > IdempotencyKeysKept).Select(pair => pair.Key).ToList())
            {
                _state.IdempotencyKeys.Remove(stale);
            }

            if (_state.IdempotencyKeys.TryGetValue(key, out var kept))
            {
                return kept.Fingerprint == fingerprint
                    ? new Reply(kept.Status, JsonNode.Parse(kept.Body)!)
                    : new Reply(StatusCodes.Status400BadRequest, new StripeError(StatusCodes.Status400BadRequest, "idempotency_error", "idempotency_key_in_use",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.").Body());
            }

            if (!_inFlight.Add(key))
            {
                return new Reply(StatusCodes.Status409Conflict, new StripeError(StatusCodes.Status409Conflict, "idempotency_error", "idempotency_key_in_use",
                    "There is currently another in-progress request using this Idempotent Key. Please try again later.").Body());
            }
        }

        try
        {
            var reply = run();
            if (reply.Status is < 400 or StatusCodes.Status402PaymentRequired)
            {
                Write(state => state.IdempotencyKeys[key] = new IdempotentReply(fingerprint, reply.Status, reply.Body.ToJsonString(), _clock.GetUtcNow()));
            }

            return reply;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(key);
            }
        }
    }

    private void Save()
    {
        if (_options.StateFile is not { } file)
        {
            return;
        }

        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_state));
        File.Move(temporary, file, overwrite: true);
    }
}

/// <summary>The sandbox's whole state, as saved to the state file.</summary>
internal sealed class SandboxState
{
    /// <summary>Every Stripe object by id (acct_, pi_, ch_, tr_, trr_, re_, txn_, evt_).</summary>
    public Dictionary<string, JsonObject> Objects { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The order objects were made in, for lists (Stripe lists newest first).</summary>
    public Dictionary<string, long> Sequence { get; init; } = new(StringComparer.Ordinal);

    public long LastSequence { get; set; }

    public Dictionary<string, IdempotentReply> IdempotencyKeys { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, OnboardingLink> OnboardingLinks { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Events still to POST to an endpoint.</summary>
    public List<Delivery> Deliveries { get; init; } = [];

    /// <summary>Set by the test control <c>POST /sandbox/events/hold</c>: events are recorded but not delivered (lost webhooks).</summary>
    public bool WebhooksHeld { get; set; }

    public JsonObject Add(JsonObject stripeObject)
    {
        var id = (string)stripeObject["id"]!;
        Objects[id] = stripeObject;
        Sequence[id] = ++LastSequence;
        return stripeObject;
    }

    /// <summary>The object of that kind with that id, or Stripe's 404.</summary>
    public JsonObject Get(string kind, string id, string param = "id") =>
        Objects.TryGetValue(id, out var found) && (string?)found["object"] == kind ? found : throw StripeError.Missing(kind, id, param);

    public IEnumerable<JsonObject> All(string kind) =>
        Objects.Values.Where(value => (string?)value["object"] == kind).OrderByDescending(value => Sequence[(string)value["id"]!]);
}

internal sealed record IdempotentReply(string Fingerprint, int Status, string Body, DateTimeOffset At);

internal sealed record OnboardingLink(string Account, string RefreshUrl, string ReturnUrl, long ExpiresAt, bool Used);

internal sealed record Delivery(string EventId, string Url, int Attempts, DateTimeOffset Due);
