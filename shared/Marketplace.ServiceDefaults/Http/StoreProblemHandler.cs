using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marketplace.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>
/// The store's failures as ProblemDetails: a write that lost a race is 409, an unknown cooperative 404, and a
/// database that cannot answer now (down, busy, not prepared yet) 503 with Retry-After — never a 500.
/// </summary>
internal sealed class StoreProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int Status, string Title)? problem = exception switch
        {
            UnknownTenantIdException => (StatusCodes.Status404NotFound, "No such cooperative."),
            ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException =>
                (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload it and try again."),
            _ => null,
        };
        if (problem is { } p)
        {
            return await problems.WriteAsync(httpContext, new ProblemDetails { Status = p.Status, Title = p.Title }, exception);
        }

        return Unavailability.Of(exception) is { } unavailable
            && await WriteUnavailableAsync(problems, httpContext, unavailable, exception);
    }

    /// <summary>503 with Retry-After and the reason's code: what every "not now" answer of a service looks like.</summary>
    internal static ValueTask<bool> WriteUnavailableAsync(IProblemDetailsService problems, HttpContext httpContext, Unavailability unavailable, Exception? exception = null)
    {
        httpContext.Response.Headers.RetryAfter = unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problems.WriteAsync(httpContext, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = unavailable.Title,
            Extensions = { ["code"] = unavailable.Code },
        }, exception);
    }
}
