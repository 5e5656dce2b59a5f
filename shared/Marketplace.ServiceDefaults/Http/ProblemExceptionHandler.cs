using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>Known failures become RFC 9457 ProblemDetails with the right status; the rest are 500s without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException { InnerException: JsonException json })
        {
            return await WriteAsync(httpContext, new HttpValidationProblemDetails(JsonErrors(json))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body does not match this operation.",
            }, exception);
        }

        (int Status, string Title, string? Detail)? problem = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", bad.Message),
            UnknownTenantIdException => (StatusCodes.Status404NotFound, "No such cooperative.", null),
            ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException =>
                (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload it and try again.", null),
            _ => null,
        };
        if (problem is { } p)
        {
            return await WriteAsync(httpContext, new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail }, exception);
        }

        return Unavailability.Of(exception) is { } unavailable
            && await WriteUnavailableAsync(problems, httpContext, unavailable, exception);
    }

    /// <summary>503 with Retry-After and the reason's code: what every "not now" answer of a service looks like.</summary>
    internal static ValueTask<bool> WriteUnavailableAsync(IProblemDetailsService problems, HttpContext httpContext, Unavailability unavailable, Exception? exception = null)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = unavailable.Title,
                Extensions = { ["code"] = unavailable.Code },
            },
        });
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, ProblemDetails problem, Exception exception)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>Field by field, in the client's terms: the JSON path, never our .NET type names.</summary>
    private static Dictionary<string, string[]> JsonErrors(JsonException json)
    {
        const string unmapped = "The JSON property '";
        var message = json.Message;
        if (message.StartsWith(unmapped, StringComparison.Ordinal) && message.IndexOf('\'', unmapped.Length) is > 0 and var end)
        {
            return new() { [message[unmapped.Length..end]] = ["This member is not part of the request."] };
        }

        var path = json.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body";
        return new() { [path] = ["This value is missing, malformed or of the wrong type."] };
    }
}
