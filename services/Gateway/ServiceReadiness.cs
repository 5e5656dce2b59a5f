using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Gateway;

/// <summary>
/// One readiness check per service the gateway routes to: it asks that service's own /health/ready, so the
/// gateway's readiness is the truth about what stands behind it, not merely that its own process answers.
/// </summary>
internal sealed class ServiceReadiness(string service, ServiceClients clients) : IHealthCheck
{
    /// <summary>A probe that waits longer than this would make the orchestrator's own probe time out first.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, clients.Address(service, "/health/ready"));
            using var response = await clients.For(service).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"The {service} service is ready.")
                : HealthCheckResult.Unhealthy($"The {service} service answered {(int)response.StatusCode} to /health/ready.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {service} service did not answer /health/ready within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"The {service} service cannot be reached: {exception.Message}");
        }
    }
}
