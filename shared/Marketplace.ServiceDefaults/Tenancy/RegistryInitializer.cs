using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// Runs before Marten's own hosted services (registered at index 0): the platform database and the registry
/// table must exist before any store reads the registry.
/// </summary>
internal sealed class RegistryInitializer(TenantRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => registry.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
