using System.Threading.RateLimiting;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>
/// Fair shares of a service between cooperatives. A request under /api/coops/{coop} first waits for one of
/// its cooperative's places (<see cref="MarketplaceSettings.MaxConcurrentRequestsPerCooperative"/>), then for
/// one of the service's (<see cref="MarketplaceSettings.MaxConcurrentRequests"/>): a cooperative's rush queues
/// behind its own limit, the other cooperatives keep theirs, and the sum stays within the service's share of the
/// PostgreSQL server's connections. A request that cannot get its turn in time
/// (<see cref="MarketplaceSettings.RequestQueueTimeout"/>) is answered 503 with Retry-After, never left to run
/// into an exhausted pool. A cooperative this service has not prepared yet is answered 503 as well.
/// </summary>
public sealed class CooperativeAdmission : IMiddleware, IDisposable
{
    private static readonly string[] Unlimited = ["/health", "/openapi", "/scalar"];

    private readonly MarketplaceSettings _settings;
    private readonly IProblemDetailsService _problems;
    private readonly CooperativeReadiness? _readiness;
    private readonly PartitionedRateLimiter<string> _perCooperative;
    private readonly PartitionedRateLimiter<string> _service;

    public CooperativeAdmission(MarketplaceSettings settings, IProblemDetailsService problems, IServiceProvider services)
    {
        _settings = settings;
        _problems = problems;
        _readiness = services.GetService<CooperativeReadiness>();
        _perCooperative = PartitionedRateLimiter.Create<string, string>(coop => RateLimitPartition.GetConcurrencyLimiter(coop, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentRequestsPerCooperative,
            QueueLimit = settings.RequestQueueLimitPerCooperative,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        _service = PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetConcurrencyLimiter(string.Empty, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentRequests,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Unlimited.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var coop = CooperativeOf(context.Request.Path);
        using var cooperativeLease = coop is { } tenant ? await AcquireAsync(_perCooperative, tenant.Value, context) : null;
        using var serviceLease = cooperativeLease?.IsAcquired == false ? null : await AcquireAsync(_service, string.Empty, context);
        if (cooperativeLease?.IsAcquired == false || serviceLease?.IsAcquired != true)
        {
            await StoreProblemHandler.WriteUnavailableAsync(_problems, context, Unavailability.Busy);
            return;
        }

        if (coop is { } prepared && _readiness is not null
            && await _readiness.IsPreparedAsync(prepared, context.RequestAborted) is false)
        {
            await StoreProblemHandler.WriteUnavailableAsync(_problems, context, Unavailability.NotReady);
            return;
        }

        await next(context);
    }

    /// <summary>A place, or a lease not acquired when the queue is full or the wait outlasts the queue timeout.</summary>
    private async Task<RateLimitLease> AcquireAsync(PartitionedRateLimiter<string> limiter, string key, HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_settings.RequestQueueTimeout);
        try
        {
            return await limiter.AcquireAsync(key, 1, timeout.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return NotAcquired.Instance;
        }
    }

    /// <summary>The cooperative a route names (/api/coops/{coop}/...), if any and well formed.</summary>
    public static TenantId? CooperativeOf(PathString path) =>
        path.StartsWithSegments("/api/coops", out var rest)
            && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var slug, ..]
            && TenantId.TryParse(Uri.UnescapeDataString(slug), out var tenant)
                ? tenant
                : null;

    public void Dispose()
    {
        _perCooperative.Dispose();
        _service.Dispose();
    }

    private sealed class NotAcquired : RateLimitLease
    {
        public static readonly NotAcquired Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
