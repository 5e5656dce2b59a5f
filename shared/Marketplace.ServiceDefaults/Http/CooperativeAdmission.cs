using Marketplace.Hosting;
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

    private readonly IProblemDetailsService _problems;
    private readonly CooperativeReadiness? _readiness;
    private readonly Turns _perCooperative;
    private readonly Turns _service;

    public CooperativeAdmission(MarketplaceSettings settings, IProblemDetailsService problems, IServiceProvider services)
    {
        _problems = problems;
        _readiness = services.GetService<CooperativeReadiness>();
        _perCooperative = new Turns(settings.MaxConcurrentRequestsPerCooperative, settings.RequestQueueLimitPerCooperative, settings.RequestQueueTimeout);
        _service = new Turns(settings.MaxConcurrentRequests, int.MaxValue, settings.RequestQueueTimeout);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Unlimited.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var coop = Turns.CooperativeOf(context.Request.Path);
        using var cooperativePlace = coop is { } tenant ? await _perCooperative.TakeAsync(tenant.Value, context.RequestAborted) : null;
        using var servicePlace = coop is not null && cooperativePlace is null ? null : await _service.TakeAsync(string.Empty, context.RequestAborted);
        if (servicePlace is null)
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

    public void Dispose()
    {
        _perCooperative.Dispose();
        _service.Dispose();
    }
}
