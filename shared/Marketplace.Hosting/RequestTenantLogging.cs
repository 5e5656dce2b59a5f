using Marketplace.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog.Context;

namespace Marketplace.Hosting;

/// <summary>Every log line of a request under /api/coops/{coop} carries the cooperative (trace ids come from Activity).</summary>
internal sealed class RequestTenantLogging : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (TenantId.TryParse(context.GetRouteValue("coop") as string, out var tenant))
        {
            System.Diagnostics.Activity.Current?.SetTag("marketplace.tenant", tenant.Value);
            using (LogContext.PushProperty("Tenant", tenant.Value))
            {
                await next(context);
                return;
            }
        }

        await next(context);
    }
}
