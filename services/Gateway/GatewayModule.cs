using Marketplace.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Marketplace.Gateway;

/// <summary>
/// The one public entry point of the HTTP API: routes each path to the service that owns it (YARP,
/// "ReverseProxy" section), limits requests per user and per cooperative, and publishes every service's
/// OpenAPI document under /openapi/{service}/v1.json with one browsable reference at /scalar. Its /health/ready
/// reports each of those services by name and is ready only when all are.
/// </summary>
public static class GatewayModule
{
    /// <summary>The clusters of the "ReverseProxy" section, each also the name of its OpenAPI document.</summary>
    internal static readonly string[] Services = ["platform", "catalog", "ordering", "payments", "governance"];

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<ServiceClients>();
        var readiness = builder.Services.AddHealthChecks();
        foreach (var service in Services)
        {
            readiness.Add(new HealthCheckRegistration(
                service,
                provider => new ServiceReadiness(service, provider.GetRequiredService<ServiceClients>()),
                HealthStatus.Unhealthy,
                ["ready"]));
        }

        var settings = builder.AddSettings<GatewaySettings>(GatewaySettings.Section);
        builder.Services.AddRateLimiter(options => RateLimits.Configure(options, settings));
        builder.Services.AddSingleton<CooperativeTurns>();
        builder.Services.AddOpenTelemetry().WithTracing(traces => traces.AddSource("Yarp.ReverseProxy"));
        // MapApiDefaults maps /scalar; these options make it list the services' documents, not the gateway's own.
        builder.Services.Configure<ScalarOptions>(scalar =>
        {
            scalar.WithTitle("Marketplace API");
            foreach (var service in Services)
            {
                scalar.AddDocument(service, $"Marketplace {service} API", $"/openapi/{service}/v1.json", isDefault: service == Services[0]);
            }
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // After authentication (UseApiDefaults), so the per-user limit sees the token's subject.
        app.UseRateLimiter();
        // After the rate limits: a request they refuse waits for no turn.
        app.UseMiddleware<CooperativeTurns>();
        app.MapCooperativeDownload();
        app.MapReverseProxy();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class GatewayService;
