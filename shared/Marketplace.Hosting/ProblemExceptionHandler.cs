using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Hosting;

/// <summary>
/// Requests that cannot be read become RFC 9457 ProblemDetails, field by field; what no handler knows is a 500
/// without internals. Hosts with a store add their own handler for its failures (conflicts, unavailability).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(JsonErrors(json))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body does not match this operation.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is malformed.", Detail = bad.Message },
            _ => null,
        };
        return problem is not null && await problems.WriteAsync(httpContext, problem, exception);
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

public static class ProblemWriting
{
    /// <summary>Writes <paramref name="problem"/> with its status, the way every handler answers.</summary>
    public static ValueTask<bool> WriteAsync(this IProblemDetailsService problems, HttpContext httpContext, ProblemDetails problem, Exception? exception = null)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
