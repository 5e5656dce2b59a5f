using System.Globalization;
using Marketplace.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Gateway;

/// <summary>
/// Fair turns between cooperatives at the front door: one cooperative's requests are forwarded at most
/// <see cref="GatewaySettings.MaxConcurrentRequestsPerCooperative"/> at a time, the rest wait here, in arrival order,
/// while the other cooperatives' requests go straight through. A burst of 200 checkouts then reaches the service a few
/// at a time instead of all at once: waiting here costs nothing, whereas 200 requests entering a service together
/// each take processor time there (authentication, routing) before its own admission queues them, and the quiet
/// cooperatives' requests wait behind that work. A request that cannot get its turn within
/// <see cref="GatewaySettings.RequestQueueTimeout"/>, or finds the queue full, is answered 503 with Retry-After, as a
/// busy service answers. The cooperative's data export, one long download the gateway assembles itself, takes no turn.
/// </summary>
internal sealed class CooperativeTurns : IMiddleware, IDisposable
{
    private const int RetryAfterSeconds = 2;

    private readonly IProblemDetailsService _problems;
    private readonly Turns _turns;

    public CooperativeTurns(GatewaySettings settings, IProblemDetailsService problems)
    {
        _problems = problems;
        _turns = new Turns(settings.MaxConcurrentRequestsPerCooperative, settings.RequestQueueLimitPerCooperative, settings.RequestQueueTimeout);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (RateLimits.IsUnlimited(context)
            || RateLimits.CooperativeOf(context) is not { } coop
            || context.Request.Path.Value?.EndsWith("/export", StringComparison.OrdinalIgnoreCase) == true && HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        using var turn = await _turns.TakeAsync(coop.Value, context.RequestAborted);
        if (turn is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await _problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The marketplace is busy; try again in a moment.",
                    Extensions = { ["code"] = "service-busy" },
                },
            });
            return;
        }

        await next(context);
    }

    public void Dispose() => _turns.Dispose();
}
