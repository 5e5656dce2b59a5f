using System.Text.Json.Nodes;

namespace Marketplace.UnitTests.Web;

/// <summary>
/// What a service's OpenAPI document must say for a client generated from it to work as is (ADR 28), as functions from
/// a document to the violations found, so that each is also shown to report a made-up violation (OpenApiDocumentTests).
/// </summary>
internal static class OpenApiRules
{
    public const string ProblemRef = "#/components/schemas/ProblemDetails";

    /// <summary>Every operation of the document, with its path and method.</summary>
    public static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(entry => entry.Value is JsonObject && entry.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(entry => (path.Key, entry.Key.ToUpperInvariant(), entry.Value!.AsObject())));

    public static bool NeedsToken(JsonObject operation) => operation["security"] is JsonArray { Count: > 0 };

    /// <summary>
    /// The answers the shared pipeline can give whatever the handler does: 400 (a NUL in the path or a query), 429 and 503
    /// with Retry-After everywhere; 401 and 403 where a token is needed; 404 where the path names a resource; 413 where a
    /// JSON body or a file is taken, 415 where JSON is. Every problem answer is application/problem+json ProblemDetails
    /// (the OAuth endpoints' own errors excepted: OAuth's format).
    /// </summary>
    public static IReadOnlyList<string> UndeclaredAnswers(JsonObject document)
    {
        var violations = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"] as JsonObject ?? [];
            var bodyTypes = (operation["requestBody"]?["content"] as JsonObject)?.Select(content => content.Key).ToList() ?? [];
            var expected = new List<string> { "400", "429", "503" };
            if (NeedsToken(operation))
            {
                expected.AddRange(["401", "403"]);
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add("404");
            }

            if (bodyTypes.Any(type => type is "application/json" or "text/csv" or "multipart/form-data"))
            {
                expected.Add("413");
            }

            if (bodyTypes.Contains("application/json"))
            {
                expected.Add("415");
            }

            violations.AddRange(expected.Where(status => responses[status] is null).Select(status => $"{method} {path}: {status} not declared"));
            violations.AddRange(new[] { "429", "503" }.Where(status => responses[status] is JsonObject response && response["headers"]?["Retry-After"] is null)
                .Select(status => $"{method} {path}: {status} without Retry-After"));
            var oauth = path.StartsWith("/connect/", StringComparison.Ordinal);
            foreach (var (status, response) in responses.Where(response => response.Key[0] is '4' or '5'))
            {
                var problem = (string?)response?["content"]?["application/problem+json"]?["schema"]?["$ref"];
                if (problem != ProblemRef && !(oauth && status == "400"))
                {
                    violations.Add($"{method} {path}: {status} is not application/problem+json ProblemDetails");
                }
            }
        }

        return violations;
    }

    /// <summary>The schema ProblemDetails keeps the extensions the product writes, and lets a client keep the ones it does not know.</summary>
    public static IReadOnlyList<string> ClosedProblemDetails(JsonObject document)
    {
        if (document["components"]?["schemas"]?["ProblemDetails"] is not JsonObject problem)
        {
            return ["no ProblemDetails schema"];
        }

        var violations = new List<string>();
        if (problem["additionalProperties"] is JsonValue closed && !(bool)closed)
        {
            violations.Add("ProblemDetails forbids additional properties");
        }

        var properties = problem["properties"] as JsonObject ?? [];
        violations.AddRange(new[] { "type", "title", "status", "detail", "instance", "code", "traceId", "errors", "codes", "shortages", "rows" }
            .Where(name => properties[name] is null).Select(name => $"ProblemDetails does not declare {name}"));
        if (document["components"]?["schemas"]?["HttpValidationProblemDetails"] is not null)
        {
            violations.Add("a second problem schema, HttpValidationProblemDetails");
        }

        return violations;
    }

    /// <summary>A member that may be null is not required: only what is always there is.</summary>
    public static IReadOnlyList<string> NullableRequired(JsonObject document) =>
        [.. (document["components"]?["schemas"] as JsonObject ?? []).SelectMany(schema =>
            ((schema.Value?["required"] as JsonArray) ?? []).Select(name => (string?)name)
                .Where(name => schema.Value?["properties"]?[name!] is JsonObject property && AllowsNull(property))
                .Select(name => $"{schema.Key}.{name} may be null but is required"))];

    /// <summary>The security schemes (the token endpoint's password flow, or a bearer JWT) exist, and every operation's requirement names one.</summary>
    public static IReadOnlyList<string> UnknownSchemes(JsonObject document)
    {
        var schemes = (document["components"]?["securitySchemes"] as JsonObject)?.Select(scheme => scheme.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var violations = new List<string>();
        if ((string?)document["components"]?["securitySchemes"]?["oauth2"]?["flows"]?["password"]?["tokenUrl"] != "/connect/token")
        {
            violations.Add("no OAuth 2.0 password flow with tokenUrl /connect/token");
        }

        foreach (var (path, method, operation) in Operations(document))
        {
            if (operation["security"] is not JsonArray requirements)
            {
                violations.Add($"{method} {path}: no security (an anonymous operation says [])");
                continue;
            }

            violations.AddRange(requirements.OfType<JsonObject>().SelectMany(requirement => requirement.Select(scheme => scheme.Key))
                .Where(name => !schemes.Contains(name)).Select(name => $"{method} {path}: unknown scheme {name}"));
        }

        return violations;
    }

    private static bool AllowsNull(JsonObject schema) =>
        schema["type"] switch
        {
            JsonArray types => types.Any(type => (string?)type == "null"),
            JsonValue type => (string?)type == "null",
            _ => false,
        }
        || ((schema["oneOf"] ?? schema["anyOf"]) as JsonArray ?? []).OfType<JsonObject>().Any(AllowsNull);
}
