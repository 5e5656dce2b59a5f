using System.Text.Json.Nodes;
using Marketplace.Catalog.Common;
using Marketplace.UnitTests.Architecture;

namespace Marketplace.UnitTests.Web;

/// <summary>
/// The services' OpenAPI documents (docs/openapi/, written by the build) say everything a client generated from them
/// needs (ADR 28): how to get a token and where one is needed, every answer an operation can give, problems with the
/// members the product writes, only what is always there required, no path that means two things once the gateway
/// merges them. Each rule is also fed a made-up document and must report it. A generated client really driving the
/// services is tests/Marketplace.ClientTests; the linter (Redocly) runs from tests/run.sh.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string[] ServiceNames = ["catalog", "governance", "ordering", "payments", "platform"];

    public static TheoryData<string> Services() => [.. ServiceNames];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_operation_declares_every_answer_it_can_give_as_a_problem(string service)
    {
        Assert.Empty(OpenApiRules.UndeclaredAnswers(ApiSchema.Document(service)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Problems_keep_the_members_the_product_writes_and_allow_more(string service)
    {
        Assert.Empty(OpenApiRules.ClosedProblemDetails(ApiSchema.Document(service)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void No_member_that_may_be_null_is_required(string service)
    {
        Assert.Empty(OpenApiRules.NullableRequired(ApiSchema.Document(service)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_operation_names_its_security_among_the_declared_schemes(string service)
    {
        Assert.Empty(OpenApiRules.UnknownSchemes(ApiSchema.Document(service)));
    }

    [Fact]
    public void Operations_need_a_token_exactly_where_the_authorization_matrix_refuses_anonymous_callers()
    {
        // Given the matrix's rows for the services' own API (a row with a query string is a filter of an endpoint listed plain)
        var rows = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Marketplace.IntegrationTests", "Authorization", "authorization-matrix.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("service;", StringComparison.Ordinal))
            .Select(line => line.Split(';'))
            .Where(cells => cells[0] != "*" && cells[2].StartsWith("/api/", StringComparison.Ordinal) && !cells[2].Contains('?', StringComparison.Ordinal))
            .ToDictionary(cells => (cells[0], cells[1], cells[2].Replace(":guid", "", StringComparison.Ordinal)), cells => cells[3] == "Y");
        var operations = ServiceNames.SelectMany(service => OpenApiRules.Operations(ApiSchema.Document(service))
            .Select(operation => (Service: service, operation.Path, operation.Method, operation.Operation))).ToList();

        // Then every endpoint is documented, every documented API operation is an endpoint of the matrix,
        // and a token is required exactly where anonymous callers are refused
        Assert.Empty(rows.Keys.Where(key => !operations.Any(op => (op.Service, op.Method, op.Path) == key)).Select(key => $"{key} is in no document"));
        Assert.Empty(operations.Where(op => op.Path.StartsWith("/api/", StringComparison.Ordinal) && !rows.ContainsKey((op.Service, op.Method, op.Path)))
            .Select(op => $"{op.Service} {op.Method} {op.Path}"));
        Assert.Empty(operations.Where(op => rows.TryGetValue((op.Service, op.Method, op.Path), out var anonymous) && anonymous == OpenApiRules.NeedsToken(op.Operation))
            .Select(op => $"{op.Service} {op.Method} {op.Path}: anonymous {(OpenApiRules.NeedsToken(op.Operation) ? "allowed" : "refused")} but the document says otherwise"));
    }

    [Fact]
    public void A_path_means_one_thing_once_the_gateway_merges_the_documents()
    {
        // Given every service's paths (the gateway routes them as they are, and serves GET /api/coops/{coop}/export itself: a zip of every part)
        var paths = ServiceNames.SelectMany(service => ApiSchema.Document(service)["paths"]!.AsObject().Select(path => path.Key)).ToList();

        // Then no two services document one path, and none documents the gateway's own
        Assert.Empty(paths.GroupBy(path => path, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key));
        Assert.DoesNotContain("/api/coops/{coop}/export", paths);
    }

    [Fact]
    public void The_platform_documents_its_token_endpoints()
    {
        // Given the Platform's document
        var document = ApiSchema.Document("platform");
        var token = document["paths"]?["/connect/token"]?["post"];
        var form = token?["requestBody"]?["content"]?["application/x-www-form-urlencoded"]?["schema"]?["$ref"];

        // Then the token endpoint takes OAuth's form (both grants) and answers a token or OAuth's error, anonymously
        Assert.Equal("#/components/schemas/TokenRequest", (string?)form);
        var request = document["components"]!["schemas"]!["TokenRequest"]!;
        Assert.Equal(["grant_type", "password", "refresh_token", "scope", "username"], request["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["password", "refresh_token"], request["properties"]!["grant_type"]!["enum"]!.AsArray().Select(value => (string?)value));
        Assert.Equal("#/components/schemas/TokenResponse", (string?)token!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/OAuthError", (string?)token["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.False(OpenApiRules.NeedsToken(token.AsObject()));
        Assert.NotNull(document["paths"]?["/connect/revoke"]?["post"]?["requestBody"]);
    }

    [Fact]
    public void Localized_text_is_its_two_languages_and_nothing_computed()
    {
        Assert.Equal(["en", "fr"], ApiSchema.Document("catalog")["components"]!["schemas"]!["LocalizedText"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("""{"fr":"Miel","en":null}""", System.Text.Json.JsonSerializer.Serialize(new LocalizedText("Miel", null), System.Text.Json.JsonSerializerOptions.Web));
    }

    [Fact]
    public void The_csv_upload_declares_the_file_it_takes()
    {
        var upload = OpenApiRules.Operations(ApiSchema.Document("catalog")).Single(op => (string?)op.Operation["operationId"] == "UploadImport").Operation;
        var content = upload["requestBody"]!["content"]!.AsObject();
        Assert.Equal("binary", (string?)content["text/csv"]!["schema"]!["format"]);
        Assert.Equal("binary", (string?)content["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"]);
    }

    // --- each rule, fed a made-up violation, reports it ---

    private static readonly JsonObject Made = JsonNode.Parse("""
        {
          "paths": {
            "/things/{id}": {
              "post": {
                "security": [{ "oauth2": [] }, { "apiKey": [] }],
                "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } },
                "responses": {
                  "200": { "description": "OK" },
                  "400": { "description": "Bad", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } },
                  "409": { "description": "Conflict", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "429": { "description": "Later", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } }
                }
              },
              "get": { "responses": { "200": { "description": "OK" } } }
            }
          },
          "components": {
            "securitySchemes": { "oauth2": { "type": "oauth2", "flows": { "password": { "tokenUrl": "/token", "scopes": {} } } } },
            "schemas": {
              "ProblemDetails": { "type": "object", "properties": { "type": {}, "title": {}, "status": {}, "detail": {}, "instance": {}, "code": {}, "errors": {}, "codes": {}, "shortages": {}, "rows": {} }, "additionalProperties": false },
              "HttpValidationProblemDetails": { "type": "object" },
              "Thing": {
                "required": ["name", "note", "place"],
                "properties": { "name": { "type": "string" }, "note": { "type": ["null", "string"] }, "place": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Place" }] } }
              }
            }
          }
        }
        """)!.AsObject();

    [Fact]
    public void Undeclared_answers_are_reported()
    {
        Assert.Equal(
            [
                "POST /things/{id}: 503 not declared", "POST /things/{id}: 401 not declared", "POST /things/{id}: 403 not declared",
                "POST /things/{id}: 404 not declared", "POST /things/{id}: 413 not declared", "POST /things/{id}: 415 not declared",
                "POST /things/{id}: 429 without Retry-After", "POST /things/{id}: 409 is not application/problem+json ProblemDetails",
                "GET /things/{id}: 400 not declared", "GET /things/{id}: 429 not declared", "GET /things/{id}: 503 not declared", "GET /things/{id}: 404 not declared",
            ],
            OpenApiRules.UndeclaredAnswers(Made));
    }

    [Fact]
    public void A_closed_problem_schema_missing_a_member_is_reported()
    {
        Assert.Equal(
            ["ProblemDetails forbids additional properties", "ProblemDetails does not declare traceId", "a second problem schema, HttpValidationProblemDetails"],
            OpenApiRules.ClosedProblemDetails(Made));
    }

    [Fact]
    public void A_required_member_that_may_be_null_is_reported()
    {
        Assert.Equal(["Thing.note may be null but is required", "Thing.place may be null but is required"], OpenApiRules.NullableRequired(Made));
    }

    [Fact]
    public void Missing_or_unknown_security_is_reported()
    {
        Assert.Equal(
            ["no OAuth 2.0 password flow with tokenUrl /connect/token", "POST /things/{id}: unknown scheme apiKey", "GET /things/{id}: no security (an anonymous operation says [])"],
            OpenApiRules.UnknownSchemes(Made));
    }
}
