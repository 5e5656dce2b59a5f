using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Marketplace.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Gateway;

/// <summary>
/// Requests per minute allowed to one user (or anonymous visitor's IP address) and to one cooperative, and
/// the proxies (the web app) trusted to name the visitor they call for.
/// </summary>
/// <remarks>
/// Sized for a town's Saturday morning: the limit that bites is the customer's. A person browsing sends a
/// few requests a second at most (600 a minute leaves a page and its calls every 0.1 s); a market closing
/// its orders is hundreds of customers at once, each with a bucket of their own. The cooperative's bucket
/// (60,000 a minute, 1,000 a second: more than one service replica on two cores serves) only stops one
/// cooperative's runaway client from crowding out the others at the gateway; overload inside a service is
/// the services' own admission control (fair shares per cooperative, 503 with Retry-After).
/// </remarks>
internal sealed record RateLimitSettings(int PerUserPermitsPerMinute, int PerCooperativePermitsPerMinute, IReadOnlySet<IPAddress> TrustedProxies)
{
    public static RateLimitSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway:RateLimits");
        var proxies = configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? ["127.0.0.1", "::1"];
        return new RateLimitSettings(
            section.GetValue("PerUser:PermitsPerMinute", 600),
            section.GetValue("PerCooperative:PermitsPerMinute", 60_000),
            proxies.Select(IPAddress.Parse).ToHashSet());
    }
}

/// <summary>
/// Two token buckets a request must both pass: its user's (the validated token's subject, else its IP
/// address) and, under /api/coops/{coop}, its cooperative's. Health, OpenAPI documents and the reference
/// are never limited. The gateway only reads the token: an invalid one counts as anonymous, and the
/// service behind answers it with 401.
/// </summary>
internal static class RateLimits
{
    private static readonly string[] Unlimited = ["/health", "/openapi", "/scalar"];

    public static void Configure(RateLimiterOptions options, RateLimitSettings settings)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsUnlimited(context)
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : Bucket(UserKey(context, settings.TrustedProxies), settings.PerUserPermitsPerMinute)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => !IsUnlimited(context) && CooperativeOf(context) is { } coop
                ? Bucket("coop:" + coop.Value, settings.PerCooperativePermitsPerMinute)
                : RateLimitPartition.GetNoLimiter("no-cooperative")));
        options.OnRejected = RejectAsync;
    }

    /// <summary>
    /// The validated token's subject; else the visitor's address: the one a trusted proxy (the web app, calling
    /// for an anonymous visitor) names in X-Forwarded-For, or the caller's own. Without this every anonymous
    /// storefront visitor would share the web app's one bucket.
    /// </summary>
    internal static string UserKey(HttpContext context, IReadOnlySet<IPAddress> trustedProxies)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { Length: > 0 } subject)
        {
            return "user:" + subject;
        }

        var caller = context.Connection.RemoteIpAddress is { } remote && remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : context.Connection.RemoteIpAddress;
        if (caller is not null && trustedProxies.Contains(caller)
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [.., var last]
            && IPAddress.TryParse(last, out var visitor))
        {
            return "ip:" + visitor;
        }

        return "ip:" + (caller?.ToString() ?? "unknown");
    }

    internal static TenantId? CooperativeOf(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/coops", out var rest)
            && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var slug, ..]
            && TenantId.TryParse(Uri.UnescapeDataString(slug), out var tenant)
            ? tenant
            : null;

    private static bool IsUnlimited(HttpContext context) =>
        Unlimited.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A bucket of a minute's permits refilled evenly (not a fixed window, which would let twice the
    /// limit through around a window's edge); the limiter's timer ticks every 100 ms, hence the floor.
    /// </summary>
    private static RateLimitPartition<string> Bucket(string key, int permitsPerMinute)
    {
        var permits = Math.Max(1, permitsPerMinute);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks / permits));
        var perPeriod = Math.Max(1, (int)Math.Round(permits * period / TimeSpan.FromMinutes(1)));
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var http = rejected.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This user or cooperative has used its requests for now; try again in {seconds} s.",
            },
        });
    }
}
