using System.Globalization;
using System.Threading.RateLimiting;
using Marketplace.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Gateway;

/// <summary>Requests per minute allowed to one user (or anonymous IP address) and to one cooperative.</summary>
internal sealed record RateLimitSettings(int PerUserPermitsPerMinute, int PerCooperativePermitsPerMinute)
{
    public static RateLimitSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway:RateLimits");
        return new RateLimitSettings(
            section.GetValue("PerUser:PermitsPerMinute", 600),
            section.GetValue("PerCooperative:PermitsPerMinute", 3000));
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
                : Bucket(UserKey(context), settings.PerUserPermitsPerMinute)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => !IsUnlimited(context) && CooperativeOf(context) is { } coop
                ? Bucket("coop:" + coop.Value, settings.PerCooperativePermitsPerMinute)
                : RateLimitPartition.GetNoLimiter("no-cooperative")));
        options.OnRejected = RejectAsync;
    }

    internal static string UserKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? "user:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

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
