using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Marketplace.Contracts;
using Marketplace.Hosting;
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
public sealed class GatewaySettings : IValidatableObject
{
    public const string Section = "Gateway";

    public RateLimitSettings RateLimits { get; set; } = new();

    /// <summary>
    /// Requests of one cooperative the gateway forwards at once (per replica); more wait their turn here
    /// (<see cref="CooperativeTurns"/>). One per processor (at least 2): a cooperative's burst can keep every core busy,
    /// and the rest of it waits at the door, where waiting costs nothing, instead of inside the services, where each
    /// request takes processor time before it waits. On two cores, 2 kept the other cooperatives' p95 within 1.2× of
    /// their quiet p95 during bursts of 200, where 4 gave 1.2–3.7× and 8 gave 1.8–5.0× (ADR 52). Raise it where the
    /// services run on more processors than the gateway's host has.
    /// </summary>
    public int MaxConcurrentRequestsPerCooperative { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Requests of one cooperative that may wait for their turn; beyond that, 503 with Retry-After at once.</summary>
    public int RequestQueueLimitPerCooperative { get; set; } = 1_000;

    /// <summary>How long a request may wait for its turn before it is answered 503 with Retry-After.</summary>
    public TimeSpan RequestQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Addresses of the proxies (the web app) trusted to name the visitor they call for.</summary>
    public string[] TrustedProxies { get; set; } = ["127.0.0.1", "::1"];

    public IReadOnlySet<IPAddress> TrustedProxyAddresses => TrustedProxies.Select(IPAddress.Parse).ToHashSet();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies.Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(TrustedProxies)]);
        }

        if (RateLimits.PerUser.PermitsPerMinute < 1 || RateLimits.PerCooperative.PermitsPerMinute < 1 || RateLimits.TokenRequestsPerAddress.PermitsPerMinute < 1)
        {
            yield return new ValidationResult("Permits per minute are at least 1.", [nameof(RateLimits)]);
        }

        if (MaxConcurrentRequestsPerCooperative < 1 || RequestQueueLimitPerCooperative < 1 || RequestQueueTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult(
                "Concurrent requests and queued requests per cooperative are at least 1, and the queue timeout is positive.",
                [nameof(MaxConcurrentRequestsPerCooperative), nameof(RequestQueueLimitPerCooperative), nameof(RequestQueueTimeout)]);
        }
    }
}

public sealed class RateLimitSettings
{
    public PermitSettings PerUser { get; set; } = new() { PermitsPerMinute = 600 };

    public PermitSettings PerCooperative { get; set; } = new() { PermitsPerMinute = 60_000 };

    /// <summary>
    /// POST /connect/token per visitor address, signed in or not: password guesses from one address, whatever
    /// e-mails they try (the Platform locks each e-mail by itself). 20 a minute is a family or an office signing in
    /// and refreshing (every 15 minutes per session) with room to spare, and 28,800 guesses a day at most.
    /// </summary>
    public PermitSettings TokenRequestsPerAddress { get; set; } = new() { PermitsPerMinute = 20 };
}

public sealed class PermitSettings
{
    public int PermitsPerMinute { get; set; }
}

/// <summary>
/// Token buckets a request must all pass: its user's (the validated token's subject, else its IP address),
/// under /api/coops/{coop} its cooperative's, and for POST /connect/token its address's (tighter: that is
/// where passwords are guessed). Health, OpenAPI documents and the reference
/// are never limited. The gateway only reads the token: an invalid one counts as anonymous, and the
/// service behind answers it with 401.
/// </summary>
internal static class RateLimits
{
    private static readonly string[] Unlimited = ["/health", "/openapi", "/scalar"];

    public static void Configure(RateLimiterOptions options, GatewaySettings settings)
    {
        var trusted = settings.TrustedProxyAddresses;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // The sign-in bucket first: a request it refuses spends nothing of the visitor's other permits.
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsTokenRequest(context)
                ? Bucket("token:" + VisitorAddress(context, trusted), settings.RateLimits.TokenRequestsPerAddress.PermitsPerMinute)
                : RateLimitPartition.GetNoLimiter("not-token")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsUnlimited(context)
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : Bucket(UserKey(context, trusted), settings.RateLimits.PerUser.PermitsPerMinute)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => !IsUnlimited(context) && CooperativeOf(context) is { } coop
                ? Bucket("coop:" + coop.Value, settings.RateLimits.PerCooperative.PermitsPerMinute)
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

        return "ip:" + VisitorAddress(context, trustedProxies);
    }

    /// <summary>The visitor's address: the one a trusted proxy (the web app) names in X-Forwarded-For, or the caller's own.</summary>
    internal static string VisitorAddress(HttpContext context, IReadOnlySet<IPAddress> trustedProxies)
    {
        var caller = context.Connection.RemoteIpAddress is { } remote && remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : context.Connection.RemoteIpAddress;
        if (caller is not null && trustedProxies.Contains(caller)
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [.., var last]
            && IPAddress.TryParse(last, out var visitor))
        {
            return visitor.ToString();
        }

        return caller?.ToString() ?? "unknown";
    }

    internal static bool IsTokenRequest(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase);

    internal static TenantId? CooperativeOf(HttpContext context) => Turns.CooperativeOf(context.Request.Path);

    internal static bool IsUnlimited(HttpContext context) =>
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
                Detail = IsTokenRequest(http)
                    ? $"Too many sign-in requests from this address for now; try again in {seconds} s."
                    : $"This user or cooperative has used its requests for now; try again in {seconds} s.",
            },
        });
    }
}
