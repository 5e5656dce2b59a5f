using System.Globalization;
using System.Net;
using Marketplace.Contracts;

namespace Marketplace.Web.Api;

/// <summary>Why the API could not serve us for now; each gets its own wording on the "try again" page.</summary>
public enum Unavailability
{
    /// <summary>429, or a 503 that is not about a cooperative: the marketplace is busy.</summary>
    Busy,

    /// <summary>A 503 with a ProblemDetails body under /api/coops/{coop}/: that cooperative's database is still being prepared.</summary>
    Preparing,

    /// <summary>The gateway could not be reached, timed out, or could not reach the service behind it (502, 504).</summary>
    Unreachable,

    /// <summary>A service answered 500 to a call the page could not do without (as while it starts).</summary>
    Failing,
}

/// <summary>
/// The API cannot answer now but will soon: thrown by <see cref="MarketplaceApi"/> for every such answer, so no
/// page has to handle it; <see cref="ApiUnavailableMiddleware"/> turns it into one "try again" page (503, Retry-After).
/// </summary>
public sealed class ApiUnavailableException : Exception
{
    /// <summary>When the API does not say how long (no Retry-After, or no answer at all).</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After beyond this is shown as this: a visitor will not wait for longer anyway.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    public ApiUnavailableException(Unavailability reason, TimeSpan retryAfter, TenantId? cooperative, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        RetryAfter = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter > MaxRetryAfter ? MaxRetryAfter : retryAfter;
        Cooperative = cooperative;
    }

    public ApiUnavailableException()
        : this(Unavailability.Busy, DefaultRetryAfter, null, "The marketplace API is unavailable.")
    {
    }

    public ApiUnavailableException(string message)
        : this(Unavailability.Busy, DefaultRetryAfter, null, message)
    {
    }

    public ApiUnavailableException(string message, Exception innerException)
        : this(Unavailability.Unreachable, DefaultRetryAfter, null, message, innerException)
    {
    }

    public Unavailability Reason { get; }

    /// <summary>How long to wait before trying again, between 1 s and <see cref="MaxRetryAfter"/>.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Whole seconds, rounded up: what the page says and what its Retry-After header carries.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    /// <summary>The cooperative the failed call was about (its path was /api/coops/{coop}/...), if any.</summary>
    public TenantId? Cooperative { get; }

    /// <summary>The exception for an answer that means "not now" (429, 502, 503, 504); null for any other answer.</summary>
    internal static ApiUnavailableException? For(HttpResponseMessage response, string path)
    {
        var status = response.StatusCode;
        if (status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
        {
            return null;
        }

        var cooperative = CooperativeOf(path);
        // A service's own 503 is a ProblemDetails (a cooperative whose schema it is still applying); a bare 503
        // (the proxy with no destination, an overloaded server) says nothing about a cooperative.
        var problem = response.Content.Headers.ContentType?.MediaType is "application/problem+json";
        var reason = status switch
        {
            HttpStatusCode.TooManyRequests => Unavailability.Busy,
            HttpStatusCode.ServiceUnavailable when problem && cooperative is not null => Unavailability.Preparing,
            HttpStatusCode.ServiceUnavailable => Unavailability.Busy,
            _ => Unavailability.Unreachable,
        };
        return new ApiUnavailableException(
            reason,
            RetryAfterOf(response) ?? DefaultRetryAfter,
            cooperative,
            string.Create(CultureInfo.InvariantCulture, $"{path} answered {(int)status} {status}."));
    }

    /// <summary>Retry-After as seconds or as a date (relative to the answer's own Date when it has one).</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow),
        _ => null,
    };

    private static TenantId? CooperativeOf(string path)
    {
        var segments = path.Split(['/', '?'], StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[0] == "api" && segments[1] == "coops" && TenantId.TryParse(segments[2], out var coop) ? coop : null;
    }
}
