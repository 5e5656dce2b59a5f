using System.Globalization;
using System.Net;

namespace Marketplace.Web.Api;

/// <summary>What the "try again" page shows: why the API could not serve the request, and the address to try again.</summary>
public sealed record ApiUnavailableFeature(ApiUnavailableException Problem, string RetryAddress);

/// <summary>
/// The one place an <see cref="ApiUnavailableException"/> becomes a page, whichever page or middleware met it: the
/// request is answered 503 with Retry-After (so crawlers and monitors read it right too) and re-executed as a GET of
/// the <c>/unavailable</c> page, in the visitor's language (the culture is already set: this runs after localization).
/// </summary>
internal sealed partial class ApiUnavailableMiddleware(RequestDelegate next, ILogger<ApiUnavailableMiddleware> logger)
{
    public const string PagePath = "/unavailable";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiUnavailableException exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, exception.Reason, exception.RetryAfterSeconds, exception.Message);
            await TryAgainAsync(context, exception);
        }
        catch (HttpRequestException exception) when (exception.StatusCode >= HttpStatusCode.InternalServerError && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // A service's 500 that a page could not do without: while a service starts (its database or broker not
            // there yet) that is what it answers. The visitor gets "try again", never a stack trace; we get the error.
            LogFailing(logger, exception);
            await TryAgainAsync(context, new ApiUnavailableException(Unavailability.Failing, ApiUnavailableException.DefaultRetryAfter, null, exception.Message, exception));
        }
    }

    private async Task TryAgainAsync(HttpContext context, ApiUnavailableException exception)
    {
        var request = context.Request;
        var (path, query, method) = (request.Path, request.QueryString, request.Method);
        context.Features.Set(new ApiUnavailableFeature(exception, request.PathBase.Add(path).ToUriComponent() + query.ToUriComponent()));

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = exception.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";

        // Routing again from scratch, as the exception handler middleware does; a GET, because the page only
        // reads and a re-executed POST would be refused for its antiforgery token.
        context.SetEndpoint(null);
        request.RouteValues.Clear();
        request.Path = PagePath;
        request.QueryString = QueryString.Empty;
        request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            (request.Path, request.QueryString, request.Method) = (path, query, method);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A service failed a request the page needed")]
    private static partial void LogFailing(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API is unavailable ({Reason}, retry after {RetryAfterSeconds} s): {Detail}")]
    private static partial void LogUnavailable(ILogger logger, Unavailability reason, int retryAfterSeconds, string detail);
}
