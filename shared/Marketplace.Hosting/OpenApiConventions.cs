using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Marketplace.Hosting;

/// <summary>
/// What every service's OpenAPI document says beyond its endpoints' own metadata, so that a client generated from it
/// (Kiota, NSwag...) works as is (ADR 28): how to get a token and which operations need one; every answer an operation
/// can really give (the shared pipeline's 400, 401, 403, 404, 413, 415, 429 and 503 included), all as the one extensible
/// ProblemDetails with the members the product writes; and only the members always present marked required.
/// </summary>
public static class OpenApiConventions
{
    /// <summary>The OAuth 2.0 password flow of the Platform's token endpoint.</summary>
    public const string OAuth2 = "oauth2";

    /// <summary>The same access token, for clients that get it elsewhere: a bearer JWT.</summary>
    public const string Bearer = "bearer";

    public const string Problem = "ProblemDetails";
    public const string ProblemJson = "application/problem+json";

    /// <summary>The document's title, the token requirement per operation, then (after every other transformer) the answers and schemas.</summary>
    internal static IServiceCollection AddMarketplaceOpenApi(this IServiceCollection services, string serviceName)
    {
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"Marketplace {serviceName} API";
                return Task.CompletedTask;
            });
            openApi.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = TokenRequirements(context.Document);
                }

                return Task.CompletedTask;
            });
        });
        // Post-configured, so it runs after the services' own document transformers (the Platform's token endpoints).
        services.PostConfigure<OpenApiOptions>("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            Complete(document);
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Either scheme carries the same token: a client uses the one it supports.</summary>
    private static List<OpenApiSecurityRequirement> TokenRequirements(OpenApiDocument? document) =>
    [
        new() { [new OpenApiSecuritySchemeReference(OAuth2, document)] = [] },
        new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
    ];

    /// <summary>A problem answer, with Retry-After where the caller should come back later.</summary>
    private static OpenApiResponse ProblemResponse(string description, OpenApiDocument? document, bool retryAfter = false) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(Problem, document) } },
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            }
            : null,
    };

    internal static void Complete(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OAuth2] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in with the Platform's token endpoint (through the gateway: /connect/token).",
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        RefreshUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string> { ["offline_access"] = "A refresh token as well (POST /connect/token with grant_type=refresh_token)." },
                    },
                },
            },
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access token of /connect/token: an RS256 JWT, 15 minutes.",
            },
        };
        AddProblemSchemas(document);
        if (document.Servers is not { Count: > 0 })
        {
            // Relative: the gateway (or the service) that serves the document is where its operations are.
            document.Servers = [new OpenApiServer { Url = "/", Description = "Where this document is served: the gateway for clients." }];
        }

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                DeclareAnswers(document, path, operation);
            }
        }

        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            RequireOnlyWhatIsAlwaysThere(schema);
        }
    }

    /// <summary>What an operation can answer whatever its handler does: the shared pipeline's refusals.</summary>
    private static void DeclareAnswers(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        operation.Responses ??= [];
        // An anonymous operation says so (an empty requirement), rather than leaving it to a default.
        operation.Security ??= [];
        operation.Summary ??= Sentence(operation.OperationId);
        // Every problem in the one schema (ASP.NET Core names its validation problems apart; they are the same shape).
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            if (response.Content?.TryGetValue(ProblemJson, out var media) == true)
            {
                media.Schema = new OpenApiSchemaReference(Problem, document);
            }
        }

        void Declare(string status, string description, bool retryAfter = false)
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = ProblemResponse(description, document, retryAfter);
            }
            else if (retryAfter && operation.Responses[status] is OpenApiResponse declared)
            {
                declared.Headers = ProblemResponse(description, document, retryAfter).Headers;
            }
        }

        // A NUL character in the path or a query parameter is refused on any route (HostileInput).
        Declare("400", "Bad Request: field errors (errors, codes) or a refusal with its code.");
        if (operation.Security is { Count: > 0 })
        {
            Declare("401", "Unauthorized: no valid access token.");
            Declare("403", "Forbidden: the token holds no role that may do this in this cooperative.");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Declare("404", "Not Found: no such resource (or cooperative) here.");
        }

        if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var form) == true && form.Schema?.Properties is { } parts)
        {
            // Each file part's encoding said explicitly, so that generators build a multipart body (Kiota's MultipartBody),
            // not an object they would serialize some other way.
            form.Encoding ??= new Dictionary<string, OpenApiEncoding>();
            foreach (var (name, _) in parts.Where(part => part.Value.Format == "binary"))
            {
                form.Encoding.TryAdd(name, new OpenApiEncoding { ContentType = "application/octet-stream" });
            }
        }

        var body = operation.RequestBody?.Content?.Keys ?? [];
        if (body.Any(type => type is "application/json" or "text/csv" or "multipart/form-data"))
        {
            Declare("413", "Payload Too Large: a JSON body over 1 MB, a file over its limit.");
        }

        if (body.Contains("application/json"))
        {
            Declare("415", "Unsupported Media Type: send application/json.");
        }

        Declare("429", "Too Many Requests: come back after Retry-After.", retryAfter: true);
        Declare("503", "Service Unavailable: the cooperative's share of the service is busy or not ready; come back after Retry-After.", retryAfter: true);
    }

    /// <summary>A summary from the operation's name: "RegisterShop" reads "Register shop".</summary>
    private static string? Sentence(string? operationId) =>
        string.IsNullOrEmpty(operationId)
            ? null
            : operationId[0] + string.Concat(operationId.Skip(1).Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>
    /// The ProblemDetails of RFC 9457 with the members the product writes (ErrorCodes, CodedProblems, the checkout's
    /// shortages, the import's rows), open to more: a typed client keeps what it does not know in its additional data.
    /// </summary>
    private static void AddProblemSchemas(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        static OpenApiSchema Text(string? description = null, bool nullable = false) =>
            new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };
        static OpenApiSchema Integer(string? description = null, bool nullable = false) =>
            new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Format = "int32", Description = description };
        static OpenApiSchema ByField(string description) => new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
        };

        schemas["ProblemShortage"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A checkout line that could not be held: how many were asked for, how many are available.",
            Required = new HashSet<string> { "productId", "name", "requested", "available" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["productId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                ["name"] = Text(),
                ["requested"] = Integer(),
                ["available"] = Integer(),
            },
        };
        schemas["ProblemRowError"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "field", "code", "message" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["field"] = Text(), ["code"] = Text(), ["message"] = Text() },
        };
        schemas["ProblemRow"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A line of an imported file that stops its commit, with its errors.",
            Required = new HashSet<string> { "line", "sku", "errors" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["line"] = Integer(),
                ["sku"] = Text(),
                ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference("ProblemRowError", document) },
            },
        };
        schemas[Problem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Clients translate by code (\"code\", or \"codes\" field by field), never by the English text.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text(nullable: true),
                ["title"] = Text(nullable: true),
                ["status"] = Integer(nullable: true),
                ["detail"] = Text(nullable: true),
                ["instance"] = Text(nullable: true),
                ["code"] = Text("The stable code of a refusal (e.g. stock.below_reserved, input.too_large)."),
                ["traceId"] = Text("The request's trace, to quote to an operator.", nullable: true),
                ["errors"] = ByField("Field errors: the field's camelCase path (e.g. lines[0].quantity) -> its messages."),
                ["codes"] = ByField("The same fields -> their stable codes, in the order of the messages under errors."),
                ["shortages"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference("ProblemShortage", document) },
                ["rows"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference("ProblemRow", document) },
                ["keptFile"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "uuid",
                    Description = "An import refused for its header (code import.columns): the file, kept 24 h to be previewed once its columns are mapped.",
                },
                ["columns"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = Text(),
                    Description = "An import refused for its header: the file's column names, as written.",
                },
            },
        };
        schemas.Remove("HttpValidationProblemDetails");
    }

    /// <summary>A member that may be null is not required: a client must not refuse an answer that leaves it out.</summary>
    private static void RequireOnlyWhatIsAlwaysThere(OpenApiSchema schema)
    {
        if (schema.Required is null || schema.Properties is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (AllowsNull(property))
            {
                schema.Required.Remove(name);
            }
        }
    }

    internal static bool AllowsNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? schema.AnyOf ?? []).Any(AllowsNull);
}
