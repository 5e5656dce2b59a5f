using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace Marketplace.Hosting;

/// <summary>
/// What every host has, the web app included: structured JSON logs with one line per request (its cooperative and
/// trace ids), traces of incoming and outgoing HTTP, liveness and readiness, and the clock.
/// </summary>
public static class HostingDefaults
{
    public static IHostApplicationBuilder AddHostingDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
        builder.Services.AddSingleton(TimeProvider.System);
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

        return builder;
    }

    /// <summary>
    /// One structured line per request, with its cooperative and trace ids. Health probes are kept quiet (a 503 there is
    /// their answer: not ready yet), a 503 elsewhere (overload, a cooperative being prepared: the client is told when to
    /// come back) is a warning, any other 5xx an error. First in the pipeline.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(logging =>
        {
            logging.GetLevel = (http, _, error) => (error, http.Response.StatusCode) switch
            {
                (not null, _) => Serilog.Events.LogEventLevel.Error,
                _ when http.Request.Path.StartsWithSegments("/health") => Serilog.Events.LogEventLevel.Verbose,
                (_, StatusCodes.Status503ServiceUnavailable) => Serilog.Events.LogEventLevel.Warning,
                (_, >= 500) => Serilog.Events.LogEventLevel.Error,
                _ => Serilog.Events.LogEventLevel.Information,
            };
            logging.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.GetRouteValue("coop") is string coop)
                {
                    diagnostics.Set("Tenant", coop);
                }
            };
        });

    /// <summary>/health/live (the process answers) and /health/ready (every check tagged "ready", each by name).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Each check by name, so an operator sees which dependency is down. Not ready answers 503 as a ProblemDetails with
    /// Retry-After, like every other 503 here: an orchestrator reads the status, a client waits and asks again.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description });
        if (report.Status != HealthStatus.Unhealthy)
        {
            return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
        }

        context.Response.Headers.RetryAfter = "5";
        return context.Response.WriteAsJsonAsync(
            new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                title = "The service is not ready; try again in a few seconds.",
                status = StatusCodes.Status503ServiceUnavailable,
                code = "service-not-ready",
                checks,
            },
            options: (System.Text.Json.JsonSerializerOptions?)null,
            contentType: "application/problem+json");
    }
}
