using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Marketplace.StripeSandbox;

/// <summary>A refusal as Stripe words it: <c>{"error":{"type","code","message","param"}}</c> with its status.</summary>
internal sealed class StripeError(int status, string type, string? code, string message, string? param = null, JsonObject? extra = null) : Exception(message)
{
    public int Status { get; } = status;

    public static StripeError Invalid(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public static StripeError Missing(string kind, string id, string param = "id") =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "resource_missing", $"No such {kind}: '{id}'", param);

    public static StripeError UnexpectedState(string message) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", "payment_intent_unexpected_state", message);

    public JsonObject Body()
    {
        var error = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = Message, ["param"] = param };
        foreach (var (name, value) in extra ?? [])
        {
            error[name] = value?.DeepClone();
        }

        return new JsonObject { ["error"] = error };
    }
}

/// <summary>What an API handler answers: a status and a Stripe object (or list).</summary>
internal sealed record Reply(int Status, JsonNode Body)
{
    public static Reply Ok(JsonNode body) => new(StatusCodes.Status200OK, body);
}

/// <summary>Who called and how: Stripe.net's API version and idempotency key end up in the events the call causes.</summary>
internal sealed record Caller(string ApiVersion, string? IdempotencyKey, string RequestId);

/// <summary>
/// A request's parameters as Stripe.net sends them: form-encoded with bracketed keys (<c>metadata[order]=…</c>,
/// <c>expand[0]=…</c>), in the body for POST and in the query for GET. Unknown parameters are refused as Stripe does.
/// </summary>
internal sealed class Params(Dictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>Refuses any parameter not named (a name ending in '[' allows that prefix, e.g. "metadata[").</summary>
    public Params Only(params string[] allowed)
    {
        foreach (var key in values.Keys)
        {
            var known = allowed.Any(name => name.EndsWith('[') ? key.StartsWith(name, StringComparison.Ordinal) : key == name)
                || key.StartsWith("expand[", StringComparison.Ordinal);
            if (!known)
            {
                throw StripeError.Invalid($"Received unknown parameter: {key}", key, "parameter_unknown");
            }
        }

        return this;
    }

    public string? Text(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string RequiredText(string name) => Text(name) ?? throw StripeError.Invalid($"Missing required param: {name}.", name, "parameter_missing");

    public long? Integer(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeError.Invalid($"Invalid integer: {text}", name, "parameter_invalid_integer");
    }

    /// <summary>A positive amount in minor units (Stripe refuses 0 and anything above 99,999,999).</summary>
    public long? Amount(string name) => Integer(name) switch
    {
        null => null,
        < 1 or > 99_999_999 => throw StripeError.Invalid("Amount must be at least 1 and at most 99999999 (minor units).", name, "amount_too_small"),
        var amount => amount,
    };

    public long RequiredAmount(string name) => Amount(name) ?? throw StripeError.Invalid($"Missing required param: {name}.", name, "parameter_missing");

    public string Currency(string name = "currency")
    {
        var currency = RequiredText(name).ToLowerInvariant();
        return currency.Length == 3 && currency.All(char.IsAsciiLetterLower) ? currency : throw StripeError.Invalid($"Invalid currency: {currency}.", name, "parameter_invalid_string");
    }

    public bool Flag(string name) => Text(name) switch
    {
        null or "false" => false,
        "true" => true,
        var text => throw StripeError.Invalid($"Invalid boolean: {text}", name, "parameter_invalid_boolean"),
    };

    public string? OneOf(string name, params string[] allowed) => Text(name) switch
    {
        null => null,
        var text when allowed.Contains(text) => text,
        var text => throw StripeError.Invalid($"Invalid {name}: must be one of {string.Join(", ", allowed)} (got {text}).", name, "parameter_invalid_string"),
    };

    /// <summary>metadata[key]=value pairs (Stripe: at most 50 keys of 40 characters, values of 500).</summary>
    public JsonObject Metadata()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in values.Where(pair => pair.Key.StartsWith("metadata[", StringComparison.Ordinal) && pair.Key.EndsWith(']')).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var name = key["metadata[".Length..^1];
            if (name.Length is 0 or > 40 || value.Length > 500)
            {
                throw StripeError.Invalid("Metadata keys are 1 to 40 characters and values at most 500.", key, "parameter_invalid_string");
            }

            metadata[name] = value;
        }

        return metadata.Count <= 50 ? metadata : throw StripeError.Invalid("Metadata has at most 50 keys.", "metadata");
    }

    /// <summary>expand[]=a.b or expand[0]=a.b (Stripe.net numbers them).</summary>
    public IReadOnlyList<string> Expand() =>
        [.. values.Where(pair => pair.Key.StartsWith("expand[", StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value)];

    /// <summary>A fingerprint of the parameters for idempotency: the same key must come with the same request.</summary>
    public string Fingerprint(string method, string path) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}").Prepend($"{method} {path}")))));

    public static async Task<Params> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(IEnumerable<KeyValuePair<string, StringValues>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                // expand[]=a&expand[]=b: number them as Stripe.net does.
                if (key.EndsWith("[]", StringComparison.Ordinal))
                {
                    for (var i = 0; i < value.Count; i++)
                    {
                        values[$"{key[..^2]}[{i}]"] = value[i] ?? "";
                    }
                }
                else
                {
                    values[key] = value.ToString();
                }
            }
        }

        Add(request.Query);
        if (request.HasFormContentType)
        {
            Add(await request.ReadFormAsync());
        }
        else if (request.ContentLength > 0)
        {
            throw new StripeError(StatusCodes.Status400BadRequest, "invalid_request_error", "invalid_content_type", "Send parameters as application/x-www-form-urlencoded, as Stripe expects.");
        }

        return new Params(values);
    }
}

/// <summary>One API call through the sandbox's pipeline: secret key, parameters, idempotency, Stripe-style errors.</summary>
internal sealed record ApiCall(HttpContext Http, Params Params, Caller Caller, SandboxStore Store, SandboxOptions Options)
{
    public string Route(string name) => Http.GetRouteValue(name) as string ?? "";

    /// <summary>Where browsers reach the sandbox (hosted pages), from the setting or the request.</summary>
    public string PublicUrl
    {
        get
        {
            return Pages.PublicUrl(Http, Options);
        }
    }
}

internal static class Api
{
    public static void Post(IEndpointRouteBuilder routes, string pattern, Func<ApiCall, Reply> handle) =>
        routes.MapPost(pattern, (Delegate)((HttpContext http) => RunAsync(http, handle, idempotent: true)));

    public static void Get(IEndpointRouteBuilder routes, string pattern, Func<ApiCall, Reply> handle) =>
        routes.MapGet(pattern, (Delegate)((HttpContext http) => RunAsync(http, handle, idempotent: false)));

    private static async Task<IResult> RunAsync(HttpContext http, Func<ApiCall, Reply> handle, bool idempotent)
    {
        var store = http.RequestServices.GetRequiredService<SandboxStore>();
        var options = http.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value;
        try
        {
            if (!HasTestKey(http.Request))
            {
                throw new StripeError(StatusCodes.Status401Unauthorized, "invalid_request_error", null,
                    "Invalid API Key provided: the sandbox takes any test secret key, 'Authorization: Bearer sk_test_…'.");
            }

            var parameters = await Params.ReadAsync(http.Request);
            var key = idempotent && http.Request.Headers.TryGetValue("Idempotency-Key", out var header) && header.ToString().Length > 0 ? header.ToString() : null;
            var version = http.Request.Headers.TryGetValue("Stripe-Version", out var named) && named.ToString().Length > 0 ? named.ToString() : options.ApiVersion;
            var call = new ApiCall(http, parameters, new Caller(version, key, Ids.New("req_")), store, options);
            var reply = key is null
                ? handle(call)
                : store.Idempotent(key, parameters.Fingerprint(http.Request.Method, http.Request.Path), () => Handle(handle, call));
            return Json(reply);
        }
        catch (StripeError error)
        {
            return Json(new Reply(error.Status, error.Body()));
        }
        catch (Exception error) when (error is BadHttpRequestException or InvalidDataException)
        {
            return Json(new Reply(StatusCodes.Status400BadRequest, StripeError.Invalid($"Unreadable request: {error.Message}").Body()));
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            // A fault of the sandbox itself: answered as Stripe answers its own (api_error), so that the caller sees it.
            return Json(new Reply(StatusCodes.Status500InternalServerError,
                new StripeError(StatusCodes.Status500InternalServerError, "api_error", null, $"The Stripe sandbox failed: {error.GetType().Name}: {error.Message}").Body()));
        }
    }

    /// <summary>Under an idempotency key a card refusal (402) is kept and replayed as Stripe does; other refusals are not kept (a retry after the cause is gone runs anew).</summary>
    private static Reply Handle(Func<ApiCall, Reply> handle, ApiCall call)
    {
        try
        {
            return handle(call);
        }
        catch (StripeError error)
        {
            return new Reply(error.Status, error.Body());
        }
    }

    /// <summary>Any test secret key, as a bearer token (Stripe.net) or as the user name of basic authentication (<c>curl -u sk_test_…:</c>).</summary>
    public static bool HasTestKey(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        var key = value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..]
            : value.StartsWith("Basic ", StringComparison.Ordinal) ? BasicUser(value["Basic ".Length..])
            : "";
        return key.StartsWith("sk_test_", StringComparison.Ordinal) && key.Length > "sk_test_".Length && !key.Any(char.IsWhiteSpace);
    }

    private static string BasicUser(string encoded)
    {
        var bytes = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length).Split(':')[0] : "";
    }

    public static IResult Json(Reply reply) =>
        Results.Text(reply.Body.ToJsonString(), "application/json", Encoding.UTF8, reply.Status);
}

/// <summary>Stripe-looking ids and secrets: a prefix and 24 random letters and digits.</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 24);
}
