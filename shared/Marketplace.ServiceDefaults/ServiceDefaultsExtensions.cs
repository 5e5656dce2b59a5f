using System.Text.Json.Serialization;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Observability;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

namespace Marketplace.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// The conventions every service shares: settings and the tenant registry, JWT validation and
    /// per-cooperative policies, strict JSON, ProblemDetails, validation, OpenAPI, health, traces and logs.
    /// The service then adds its store (AddCooperativeStore / AddPlatformStore) and its messaging.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        BuildTimeDocument.PrepareWhenGenerating(builder);
        var settings = MarketplaceSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TenantRegistry>();
        builder.Services.AddSingleton<CooperativeAdmission>();

        builder.AddHttpDefaults(serviceName);
        AddStorageObservability(builder, settings);
        return builder;
    }

    /// <summary>
    /// The HTTP half of the defaults, for a host without a database or a broker (the gateway): logs,
    /// JWT validation and policies, strict JSON, ProblemDetails, OpenAPI, liveness and HTTP traces.
    /// </summary>
    public static IHostApplicationBuilder AddHttpDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(new RenderedCompactJsonFormatter()));

        AddAuthentication(builder);
        AddHttpConventions(builder, serviceName);
        AddHttpObservability(builder, serviceName);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // One structured line per request, with its cooperative and trace ids (health probes kept quiet).
        app.UseSerilogRequestLogging(logging =>
        {
            logging.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500
                ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose : Serilog.Events.LogEventLevel.Information;
            logging.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.GetRouteValue("coop") is string coop)
                {
                    diagnostics.Set("Tenant", coop);
                }
            };
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestTenantLogging>();
        if (app.Services.GetService<CooperativeAdmission>() is not null)
        {
            app.UseMiddleware<CooperativeAdmission>();
        }

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        if (app.Services.GetService<CooperativeReadiness>() is not null)
        {
            app.MapGet("/health/cooperatives/{coop}", IsCooperativePreparedAsync).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>200 once this service has prepared the cooperative's database, 503 with Retry-After before, 404 when unknown.</summary>
    private static async Task<IResult> IsCooperativePreparedAsync(
        string coop, CooperativeReadiness readiness, IProblemDetailsService problems, HttpContext context, CancellationToken cancellationToken)
    {
        if (!Contracts.TenantId.TryParse(coop, out var tenant))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
        }

        switch (await readiness.IsPreparedAsync(tenant, cancellationToken))
        {
            case true:
                return Results.Ok(new { status = "Ready", schema = readiness.Schema });
            case false:
                await ProblemExceptionHandler.WriteUnavailableAsync(problems, context, Unavailability.NotReady);
                return Results.Empty;
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
        }
    }

    /// <summary>Each check by name, so an operator sees which dependency is down.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        });

    private static void AddAuthentication(IHostApplicationBuilder builder)
    {
        var tokens = TokenSettings.From(builder.Configuration);
        builder.Services.AddSingleton(tokens);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = tokens.Issuer,
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

    private static void AddHttpConventions(IHostApplicationBuilder builder, string serviceName)
    {
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
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = $"Marketplace {serviceName} API";
            return Task.CompletedTask;
        }));
    }

    private static void AddHttpObservability(IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddHealthChecks();
        var tracing = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(traces => traces
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            tracing.WithTracing(traces => traces.AddOtlpExporter());
        }
    }

    private static void AddStorageObservability(IHostApplicationBuilder builder, MarketplaceSettings settings)
    {
        builder.Services.AddHealthChecks()
            .AddNpgSql(settings.PlatformConnectionString, name: "postgres", tags: ["ready"])
            .AddCheck<RelayHealthCheck>("relay", tags: ["ready"]);
        // MassTransit registers its bus health check with the "ready" tag itself.

        builder.Services.AddOpenTelemetry().WithTracing(traces => traces
            .AddNpgsql()
            .AddSource("MassTransit", "Marten", IntegrationEventRelay.Source.Name));
    }
}

/// <summary>Not ready while the relay has been failing to publish for more than a minute.</summary>
internal sealed class RelayHealthCheck(RelayStatus status, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.FailingSince is { } since && clock.GetUtcNow() - since > TimeSpan.FromMinutes(1)
            ? HealthCheckResult.Unhealthy($"The relay has failed to publish since {since:O}.")
            : HealthCheckResult.Healthy(status.LastPublished is { } last ? $"Last published {last:O}." : "Nothing published yet."));
}
