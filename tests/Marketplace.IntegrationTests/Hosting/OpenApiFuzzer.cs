using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>
/// Hostile requests for every operation of an OpenAPI document: each path parameter, query parameter and body member
/// in turn replaced by a wrong type, null, control characters, a huge or empty string, an extreme number or an odd id,
/// and whole bodies that are not what the operation reads (empty, not JSON, too deep, another content type). Cases are
/// made in a fixed order from a fixed seed, so a failure replays; <see cref="RunAsync"/> sends them round-robin over the
/// operations until all are sent or the time budget is spent, and collects every answer in the 5xx range.
/// </summary>
internal sealed class OpenApiFuzzer(JsonNode document, IReadOnlyDictionary<string, string> pathValues)
{
    private const int MaxDepth = 4;
    private static readonly string Huge = new('x', 200_000);

    /// <summary>What replaces a string: every class of text found to break a service somewhere.</summary>
    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u001f\u007f", "\u202Eevil", "\uFEFF", "😀", "e\u0301", Huge,
        "../../../etc/passwd", "<script>alert(1)</script>", "' or 1=1 --", "%00", "%", "_", "\\", "null", "NaN", "-1",
        "00000000-0000-0000-0000-000000000000", "9999-12-31T23:59:59Z", "0001-01-01", "http://169.254.169.254/", "a@b",
    ];

    /// <summary>What replaces any member whatever its type (JSON literals, written as they are).</summary>
    private static readonly string[] HostileJson =
    [
        "null", "true", "0", "-1", "1.5", "-0", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308",
        "123456789012345678901234567890", "\"\"", "\"x\"", "[]", "[null]", "{}", "[[[[[[[[[[]]]]]]]]]]",
        "\"\\u0000\"", "\"\\ud800\"",
    ];

    /// <summary>Whole bodies and content types an operation does not expect.</summary>
    private static readonly (string Body, string? ContentType)[] HostileBodies =
    [
        ("", "application/json"), ("null", "application/json"), ("[]", "application/json"), ("\"text\"", "application/json"),
        ("{", "application/json"), ("{\"a\":", "application/json"), (new string('[', 5000) + new string(']', 5000), "application/json"),
        ("{}", "text/plain"), ("<a/>", "application/xml"), ("a=1&b=2", "application/x-www-form-urlencoded"),
        ("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na;b\r\n--x--\r\n", "multipart/form-data; boundary=y"),
        ("{}", null), ("\u0000\u0001\u0002", "application/octet-stream"), ("{}", "application/json; charset=ebcdic"),
    ];

    /// <summary>Odd ids for a path, escaped as they go in it (a NUL in a path, %00, is refused by Kestrel itself before any service code).</summary>
    private static readonly string[] HostileIds =
    [
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "ffffffff-ffff-ffff-ffff-ffffffffffff", "%01", "..", "-1",
        "0", new string('a', 300), "%E2%80%AE", "{00000000-0000-0000-0000-000000000001}", "00000000000000000000000000000001",
    ];

    private static readonly string[] HostileQueryValues =
    [
        "", "%00", "a%00b", "-1", "0", "2147483648", "99999999999999999999", "1e309", "abc", "true", "NaN", "%FF%FE",
        Uri.EscapeDataString(new string('q', 5_000)), "00000000-0000-0000-0000-000000000000", "%E2%80%AE", "a&x=1",
    ];

    public sealed record Case(string Operation, HttpMethod Method, string Path, string? Body, string? ContentType, bool Anonymous);

    public sealed record Failure(Case Case, int Status, string Answer);

    public sealed record Outcome(int Sent, int Planned, IReadOnlyDictionary<string, int> SentPerOperation, IReadOnlyList<Failure> Failures, TimeSpan Elapsed);

    /// <summary>Every case of every operation, grouped by operation ("METHOD path").</summary>
    public IReadOnlyDictionary<string, List<Case>> Plan()
    {
        var plan = new Dictionary<string, List<Case>>(StringComparer.Ordinal);
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (operationNode is not JsonObject operation || method == "parameters")
                {
                    continue;
                }

                var name = $"{method.ToUpperInvariant()} {template}";
                plan[name] = CasesOf(name, new HttpMethod(method.ToUpperInvariant()), template, operation).ToList();
            }
        }

        return plan;
    }

    /// <summary>Sends the plan round-robin over the operations (each shuffled with a fixed seed) until done or out of time.</summary>
    public static async Task<Outcome> RunAsync(
        IReadOnlyDictionary<string, List<Case>> plan, Func<Case, HttpClient> clientFor, TimeSpan budget, int seed = 20261203)
    {
        var random = new Random(seed);
        var queues = plan.ToDictionary(entry => entry.Key, entry => new Queue<Case>(entry.Value.OrderBy(_ => random.Next())));
        var sent = plan.Keys.ToDictionary(key => key, _ => 0);
        var failures = new List<Failure>();
        var clock = Stopwatch.StartNew();
        var total = 0;
        while (clock.Elapsed < budget && queues.Values.Any(queue => queue.Count > 0))
        {
            foreach (var (operation, queue) in queues)
            {
                if (queue.Count == 0 || clock.Elapsed >= budget)
                {
                    continue;
                }

                var fuzzCase = queue.Dequeue();
                var (status, answer) = await SendAsync(clientFor(fuzzCase), fuzzCase);
                sent[operation]++;
                total++;
                if (status >= 500)
                {
                    failures.Add(new Failure(fuzzCase, status, answer));
                }
            }
        }

        return new Outcome(total, plan.Values.Sum(cases => cases.Count), sent, failures, clock.Elapsed);
    }

    /// <summary>The status and the start of the answer; 503 with Retry-After is an answer a client can act on, so it is not a failure.</summary>
    private static async Task<(int Status, string Answer)> SendAsync(HttpClient client, Case fuzzCase)
    {
        using var request = new HttpRequestMessage(fuzzCase.Method, fuzzCase.Path);
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(fuzzCase.Body));
            if (fuzzCase.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
            }
        }

        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status == 503 && response.Headers.RetryAfter is not null)
        {
            status = 0;
        }

        return (status, answer.Length > 400 ? answer[..400] : answer);
    }

    private IEnumerable<Case> CasesOf(string name, HttpMethod method, string template, JsonObject operation)
    {
        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        var content = operation["requestBody"]?["content"] as JsonObject;
        var jsonSchema = content?["application/json"]?["schema"];
        var validBody = jsonSchema is null ? null : Valid(jsonSchema, 0)?.ToJsonString();
        var bodyContentType = jsonSchema is null ? null : "application/json";

        Case Make(string path, string? body, string? contentType, bool anonymous = false) =>
            new(name, method, path, body, contentType, anonymous);

        string PathWith(string? parameter = null, string? value = null) =>
            pathParameters.Aggregate(template, (path, p) => path.Replace(
                "{" + p + "}", p == parameter ? value! : Uri.EscapeDataString(pathValues.GetValueOrDefault(p, Guid.NewGuid().ToString())), StringComparison.Ordinal));

        var valid = PathWith();

        // The operation as a client would call it, signed in and anonymous.
        yield return Make(valid, validBody, bodyContentType);
        yield return Make(valid, validBody, bodyContentType, anonymous: true);

        // Each path parameter replaced by an odd id (already escaped: they go into the path as they are).
        foreach (var parameter in pathParameters)
        {
            foreach (var value in HostileIds)
            {
                yield return Make(PathWith(parameter, value), validBody, bodyContentType);
            }
        }

        // Each query parameter given a hostile value, alone.
        foreach (var parameter in queryParameters)
        {
            foreach (var value in HostileQueryValues)
            {
                yield return Make($"{valid}?{parameter}={value}", validBody, bodyContentType);
            }

            yield return Make($"{valid}?{parameter}=1&{parameter}=2", validBody, bodyContentType);
        }

        // Whole bodies the operation does not expect, whether or not it reads one.
        if (method != HttpMethod.Get)
        {
            foreach (var (body, contentType) in HostileBodies)
            {
                yield return Make(valid, body, contentType);
            }
        }

        // Each member of the body, at every depth, replaced by a hostile JSON value or string.
        if (jsonSchema is not null && Valid(jsonSchema, 0) is JsonNode skeleton)
        {
            foreach (var path in MemberPaths(skeleton, []))
            {
                foreach (var literal in HostileJson.Concat(HostileStrings.Select(text => JsonSerializer.Serialize(text))))
                {
                    yield return Make(valid, Replace(skeleton, path, literal), bodyContentType);
                }
            }

            // And members it does not know (mass assignment), and the same member twice.
            yield return Make(valid, Replace(skeleton, ["id"], $"\"{Guid.NewGuid()}\""), bodyContentType);
            yield return Make(valid, validBody!.Length > 1 ? validBody.Insert(1, "\"status\":\"approved\",") : validBody, bodyContentType);
        }
    }

    /// <summary>The paths (member names and array indexes) of every member of a body, parents before children.</summary>
    private static IEnumerable<List<object>> MemberPaths(JsonNode node, List<object> prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = new List<object>(prefix) { key };
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var deeper in MemberPaths(child, path))
                        {
                            yield return deeper;
                        }
                    }
                }

                break;
            case JsonArray array when array.Count > 0:
                var first = new List<object>(prefix) { 0 };
                yield return first;
                if (array[0] is { } item)
                {
                    foreach (var deeper in MemberPaths(item, first))
                    {
                        yield return deeper;
                    }
                }

                break;
        }
    }

    /// <summary>The body with the member at <paramref name="path"/> replaced by <paramref name="literal"/>, written as it is (it may be invalid UTF-16 or not JSON at all).</summary>
    private static string Replace(JsonNode skeleton, List<object> path, string literal)
    {
        const string Placeholder = "\u0001fuzz\u0001";
        var value = JsonValue.Create(Placeholder);
        var copy = skeleton.DeepClone();
        var parent = copy;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent![index] : parent![(string)step];
        }

        switch (path[^1])
        {
            case int index:
                parent!.AsArray()[index] = value;
                break;
            case string key when parent is JsonObject obj:
                obj[key] = value;
                break;
        }

        return copy.ToJsonString().Replace(JsonSerializer.Serialize(Placeholder), literal, StringComparison.Ordinal);
    }

    /// <summary>A plausible value of a schema: enough for the request to reach the operation's own checks.</summary>
    private JsonNode? Valid(JsonNode schema, int depth)
    {
        schema = Resolve(schema);
        if (depth > MaxDepth)
        {
            return null;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]?.DeepClone();
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[combinator] is JsonArray options && options.OfType<JsonNode>().FirstOrDefault(o => TypeOf(Resolve(o)) != "null") is { } option)
            {
                return Valid(option, depth);
            }
        }

        return TypeOf(schema) switch
        {
            "object" or null when schema["properties"] is JsonObject properties => new JsonObject(properties
                .Select(p => KeyValuePair.Create(p.Key, Valid(p.Value!, depth + 1)))),
            "array" => schema["items"] is { } items ? new JsonArray(Valid(items, depth + 1)) : [],
            "integer" => JsonValue.Create(Math.Max(1L, (long?)(double?)schema["minimum"] ?? 1L)),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            "string" => JsonValue.Create(((string?)schema["format"]) switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "email" => $"fuzz-{Guid.NewGuid():N}@example.org",
                "uri" => "https://example.org/a.png",
                "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture),
                "date" => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => "Fuzz",
            }),
            "object" => new JsonObject(),
            _ => null,
        };
    }

    private static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonValue value => (string?)value,
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "null",
        _ => null,
    };

    private JsonNode Resolve(JsonNode schema)
    {
        for (var hops = 0; hops < 10 && schema["$ref"] is JsonValue reference; hops++)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = document["components"]!["schemas"]![name]!;
        }

        return schema;
    }

    public static string Describe(Failure failure) =>
        $"{failure.Status} {failure.Case.Method} {failure.Case.Path[..Math.Min(failure.Case.Path.Length, 200)]}" +
        $"{(failure.Case.Anonymous ? " (anonymous)" : "")} {failure.Case.ContentType} " +
        $"{failure.Case.Body?[..Math.Min(failure.Case.Body.Length, 200)]} -> {failure.Answer}";

    /// <summary>For a test's output: what was sent, per operation.</summary>
    public static string Summary(Outcome outcome) =>
        $"{outcome.Sent} of {outcome.Planned} cases in {outcome.Elapsed.TotalSeconds:0.0} s over {outcome.SentPerOperation.Count} operations; " +
        $"fewest per operation {outcome.SentPerOperation.Values.DefaultIfEmpty(0).Min()}; server errors {outcome.Failures.Count}";

    internal static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
