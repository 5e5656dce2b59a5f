using System.Threading.RateLimiting;
using Marketplace.Contracts;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Hosting;

/// <summary>
/// Places taken in arrival order, per key (a cooperative, or one key for a whole service): at most a number at once,
/// a bounded number waiting, each for a bounded time. The services' admission and the gateway's turns per cooperative
/// both queue with it.
/// </summary>
public sealed class Turns(int places, int queueLimit, TimeSpan timeout) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
    {
        PermitLimit = places,
        QueueLimit = queueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    /// <summary>A place, to dispose once done; null when the queue is full or the wait outlasts the timeout.</summary>
    public async Task<RateLimitLease?> TakeAsync(string key, CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(timeout);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(key, 1, wait.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    /// <summary>The cooperative a route names (/api/coops/{coop}/...), if any and well formed.</summary>
    public static TenantId? CooperativeOf(PathString path) =>
        path.StartsWithSegments("/api/coops", out var rest)
            && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var slug, ..]
            && TenantId.TryParse(Uri.UnescapeDataString(slug), out var tenant)
                ? tenant
                : null;

    public void Dispose() => _limiter.Dispose();
}
