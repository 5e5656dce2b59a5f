using Marketplace.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// POST /connect/token and POST /connect/revoke in the Platform's OpenAPI document. OpenIddict parses them (OAuth's
/// own form-encoded requests and JSON answers, RFC 6749 and 7009), so no endpoint metadata describes them: this does,
/// and a generated client signs in, refreshes and signs out like any other call.
/// </summary>
internal static class TokenEndpointsDocument
{
    public static IServiceCollection AddTokenEndpointsDocument(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        }));

    internal static void Describe(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

        schemas["TokenRequest"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "grant_type=password with username and password (scope=offline_access for a refresh token too), or grant_type=refresh_token with refresh_token.",
            Required = new HashSet<string> { "grant_type" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["password", "refresh_token"] },
                ["username"] = Text("The account's email (password grant)."),
                ["password"] = Text("The account's password (password grant)."),
                ["scope"] = Text("Space-separated; offline_access asks for a refresh token."),
                ["refresh_token"] = Text("The refresh token of an earlier answer (refresh_token grant)."),
            },
        };
        schemas["TokenResponse"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "access_token", "token_type", "expires_in" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["access_token"] = Text("An RS256 JWT: send it as Authorization: Bearer."),
                ["token_type"] = Text("Bearer."),
                ["expires_in"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Seconds the access token lives (900)." },
                ["refresh_token"] = Text("With scope offline_access: exchanges for a new access token (14 days)."),
                ["scope"] = Text("The scopes granted."),
                ["id_token"] = Text("Not issued to these clients."),
            },
        };
        schemas["OAuthError"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "OAuth 2.0's error answer (RFC 6749 section 5.2), not a ProblemDetails.",
            Required = new HashSet<string> { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = Text("invalid_grant (a wrong password and an unknown email alike, or a refresh token no longer valid), invalid_request, unsupported_grant_type..."),
                ["error_description"] = Text("For people reading it."),
                ["error_uri"] = Text("Where to read more."),
            },
        };
        schemas["RevokeRequest"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "token" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["token"] = Text("The refresh token of the session that ends."),
                ["token_type_hint"] = Text("refresh_token."),
            },
        };

        OpenApiRequestBody Form(string schema) => new()
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
            },
        };
        OpenApiResponse OAuthError() => new()
        {
            Description = "Bad Request: the OAuth error (invalid_grant, invalid_request, unsupported_grant_type...).",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference("OAuthError", document) } },
        };
        OpenApiTag[] tags = [new() { Name = "SigningIn" }];
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(tags[0]);

        document.Paths["/connect/token"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "IssueToken",
                    Summary = "Sign in (password grant) or refresh an access token (refresh_token grant).",
                    Tags = new HashSet<OpenApiTagReference> { new("SigningIn", document) },
                    RequestBody = Form("TokenRequest"),
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "OK",
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference("TokenResponse", document) } },
                        },
                        ["400"] = OAuthError(),
                    },
                },
            },
        };
        document.Paths["/connect/revoke"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "RevokeToken",
                    Summary = "Sign out: the session of this refresh token ends (its refresh tokens stop working).",
                    Tags = new HashSet<OpenApiTagReference> { new("SigningIn", document) },
                    RequestBody = Form("RevokeRequest"),
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "OK: signed out (also for a token already revoked or unknown)." },
                        ["400"] = OAuthError(),
                    },
                },
            },
        };
    }
}
