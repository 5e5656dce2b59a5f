using System.Collections.Concurrent;
using Marketplace.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// At start-up, applies this service's schema (new or changed) to every registered cooperative's database, each on its
/// own: a database that is missing or unusable is logged, left unprepared (its requests get 503 with Retry-After) and
/// retried in the background, while the service starts and serves every other cooperative. Marten's own
/// <c>ApplyAllDatabaseChangesOnStartup</c> is all or nothing: one broken cooperative kept the whole service down.
/// New cooperatives are prepared when <c>CooperativeOnboarded</c> arrives (<c>ApplyCooperativeSchema</c>).
/// </summary>
internal sealed partial class CooperativeSchemaPreparer(
    TenantRegistry registry, CooperativeReadiness readiness, TimeProvider clock, ILogger<CooperativeSchemaPreparer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(1);
    private List<TenantId> _failed = [];

    /// <summary>The first pass, before the service goes on starting (the relay and the bus come after); then the retries.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var failed = new ConcurrentBag<TenantId>();
        await Parallel.ForEachAsync(
            await registry.ListAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (tenant, token) =>
            {
                if (!await TryPrepareAsync(tenant, token))
                {
                    failed.Add(tenant);
                }
            });
        _failed = [.. failed];
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _failed.Count == 0 ? Task.CompletedTask : RetryAsync(_failed, stoppingToken);

    /// <summary>Every failed cooperative again after 5 s, then 10, 20… at most 5 min apart, until each is prepared or gone.</summary>
    private async Task RetryAsync(List<TenantId> pending, CancellationToken stopping)
    {
        var wait = FirstRetry;
        try
        {
            while (pending.Count > 0)
            {
                await Task.Delay(wait, clock, stopping);
                var left = new List<TenantId>();
                foreach (var tenant in pending)
                {
                    if (await StillRegisteredAsync(tenant, stopping) && !await TryPrepareAsync(tenant, stopping))
                    {
                        left.Add(tenant);
                    }
                }

                pending = left;
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // the service is stopping (Npgsql may say so with a timeout or a missing database, not a cancellation): the next start tries again
        }
    }

    /// <summary>Whether the cooperative is still registered (removed: nothing to retry); when the registry cannot say, yes.</summary>
    private async Task<bool> StillRegisteredAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.ContainsAsync(tenant, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, tenant.Value, readiness.Schema);
            return true;
        }
    }

    private async Task<bool> TryPrepareAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ApplyTimeout);
        try
        {
            await readiness.PrepareAsync(tenant, timeout.Token);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            readiness.MarkFailed(tenant);
            LogFailed(e, tenant.Value, readiness.Schema);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply schema {Schema} in cooperative {Tenant}: it answers 503 until a retry succeeds")]
    private partial void LogFailed(Exception exception, string tenant, string schema);
}
