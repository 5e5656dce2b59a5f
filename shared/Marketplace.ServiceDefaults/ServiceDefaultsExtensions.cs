using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Trace;

namespace Marketplace.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every service that keeps cooperatives' data shares: the API defaults (logs, traces, health, tokens and
    /// per-cooperative policies, strict JSON, ProblemDetails, validation, OpenAPI), its settings and the tenant
    /// registry, fair admission per cooperative, the store's failures as problems, and the store's health and traces.
    /// The service then adds its store (AddCooperativeStore / AddPlatformStore) and its messaging.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        BuildTimeDocument.PrepareWhenGenerating(builder);
        builder.AddApiDefaults(serviceName);
        var settings = MarketplaceSettings.Of(builder);
        builder.Services.AddSingleton<TenantRegistry>();
        builder.Services.AddSingleton<CooperativeAdmission>();
        builder.Services.AddExceptionHandler<StoreProblemHandler>();

        builder.Services.AddHealthChecks()
            .AddNpgSql(settings.PlatformConnectionString, name: "postgres", tags: ["ready"])
            .AddCheck<RelayHealthCheck>("relay", tags: ["ready"]);
        // MassTransit registers its bus health check with the "ready" tag itself.
        builder.Services.AddOpenTelemetry().WithTracing(traces => traces
            .AddNpgsql()
            .AddSource("MassTransit", "Marten", IntegrationEventRelay.Source.Name));
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseApiDefaults();
        app.UseMiddleware<CooperativeAdmission>();
        app.MapApiDefaults();
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
                await StoreProblemHandler.WriteUnavailableAsync(problems, context, Unavailability.NotReady);
                return Results.Empty;
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
        }
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
