using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Scalar.AspNetCore;

namespace Marketplace.Hosting;

/// <summary>
/// The conventions of every HTTP API (the services and the gateway): the hosting defaults, access tokens checked
/// and per-cooperative policies, strict JSON, ProblemDetails for every failure, validation and OpenAPI.
/// </summary>
public static class ApiDefaults
{
    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddHostingDefaults(serviceName);
        AddAuthentication(builder);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // A misspelt field is an error, not silently ignored.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Field errors are keyed in the client's terms, the camelCase JSON names ("address.postcode", "lines[0].quantity").
        FluentValidation.ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        // Malformed bodies throw in every environment, so the handler answers with field errors (not a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString();
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddTransient<RequestTenantLogging>();
        builder.Services.AddMarketplaceOpenApi(serviceName);
        return builder;
    }

    /// <summary>The pipeline's front: request log, problems for failures and bare statuses, then who is calling.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHostileInputRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestTenantLogging>();
        return app;
    }

    /// <summary>The OpenAPI document, its browsable reference and the health endpoints, all anonymous.</summary>
    public static WebApplication MapApiDefaults(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthEndpoints();
        return app;
    }

    private static void AddAuthentication(IHostApplicationBuilder builder)
    {
        var tokens = builder.AddSettings<TokenSettings>(TokenSettings.Section);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = tokens.ValidIssuer,
                    ValidAudience = tokens.Audience,
                    IssuerSigningKey = tokens.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                };
            });
        builder.Services.AddSingleton<IAuthorizationHandler, CooperativeRoleHandler>();
        builder.Services.AddAuthorization(CooperativeAuthorization.AddPolicies);
    }
}
