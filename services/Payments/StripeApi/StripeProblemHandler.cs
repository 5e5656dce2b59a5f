using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Stripe;

namespace Marketplace.Payments.StripeApi;

/// <summary>
/// Stripe unreachable, slow or refusing a call a request needed (onboarding, reconciliation): 503 with Retry-After and
/// the code payments.stripe_unavailable, never 500. Consumers are not concerned: their messages are retried.
/// </summary>
internal sealed partial class StripeProblemHandler(IProblemDetailsService problems, ILogger<StripeProblemHandler> logger) : IExceptionHandler
{
    public const string Code = "payments.stripe_unavailable";
    private const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (StripeException or HttpRequestException or TaskCanceledException { InnerException: TimeoutException }))
        {
            return false;
        }

        LogFailed(logger, exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Stripe cannot be reached right now; try again in a moment.",
                Extensions = { ["code"] = Code },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call to Stripe failed during {Path}: 503")]
    private static partial void LogFailed(ILogger logger, Exception exception, PathString path);
}
