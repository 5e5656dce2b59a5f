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
        (int Status, string Title, string? Detail)? problem = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", bad.InnerException?.Message ?? bad.Message),
            UnknownTenantIdException => (StatusCodes.Status404NotFound, "No such cooperative.", null),
            ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException =>
                (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload it and try again.", null),
            // A cooperative onboarded a moment ago whose schema this service is still applying.
            Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UndefinedTable } =>
                (StatusCodes.Status503ServiceUnavailable, "This cooperative is still being set up; try again in a few seconds.", null),
            _ => null,
        };
        if (problem is not { } p)
        {
            return false;
        }

        httpContext.Response.StatusCode = p.Status;
        if (p.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail },
        });
    }
}
