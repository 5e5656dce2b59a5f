using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Hosting;

/// <summary>
/// Input no handler should ever see, refused before it reaches one, for every endpoint of every service:
/// <list type="bullet">
/// <item>a JSON body larger than <see cref="MaxJsonBytes"/>: 413 (no request of the API needs more; uploads are not JSON);</item>
/// <item>a NUL character (U+0000) in any string of a JSON body, or in the path or a query parameter: PostgreSQL
/// cannot store it in text or jsonb, so it used to fail deep in a store as a 500; now a 400 naming the field;</item>
/// <item>a JSON body in another charset than UTF-8 (RFC 8259 allows no other): 415, where it used to fail as a 500;</item>
/// <item>the all-zero id in a route (<c>.../shops/00000000-0000-0000-0000-000000000000/approve</c>): nothing ever has
/// it (ids are generated, and chosen ids are refused when empty), and Marten refuses it as a stream id; a 404.</item>
/// </list>
/// A JSON body is read once more here for that (buffered, then rewound for the endpoint).
/// </summary>
public static class HostileInput
{
    public const int MaxJsonBytes = 1024 * 1024;
    public const string NulMessage = "Text may not contain the NUL character (U+0000).";

    /// <summary>Refuses what is described above, before authentication and the endpoint.</summary>
    public static WebApplication UseHostileInputRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var problem = UrlRefusal(context) ?? await BodyRefusalAsync(context.Request, context.RequestAborted);
            if (problem is null)
            {
                await next(context);
                return;
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context, problem);
        });
        return app;
    }

    private static ProblemDetails? UrlRefusal(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return NulProblem("path");
        }

        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return NulProblem(name.Replace("\0", string.Empty, StringComparison.Ordinal));
            }
        }

        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && Guid.TryParse(text, out var id) && id == Guid.Empty)
            {
                return new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = $"There is no {name} with this id.", Extensions = { ["code"] = "input.empty_id" } };
            }
        }

        return null;
    }

    private static async Task<ProblemDetails?> BodyRefusalAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType() || request.ContentLength == 0)
        {
            return null;
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return TooLarge();
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) && mediaType.Charset.HasValue
            && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "A JSON body is read in UTF-8 only.",
                Detail = $"The request declares charset={mediaType.Charset}; send UTF-8 (RFC 8259), or no charset.",
                Extensions = { ["code"] = "input.unsupported_charset" },
            };
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxJsonBytes + 1L);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxJsonBytes)
            {
                return TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        request.Body.Position = 0;
        return FieldWithNul(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } field ? NulProblem(field) : null;
    }

    /// <summary>
    /// The JSON path ("lines[0].productId", in the client's own names) of the first string holding a NUL, or null.
    /// JSON can only carry NUL escaped (\u0000). A body that is not JSON is left to the endpoint to refuse.
    /// </summary>
    internal static string? FieldWithNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        frames[^1] = frames[^1] with { Name = name.Replace("\0", string.Empty, StringComparison.Ordinal) };
                        if (name.Length != frames[^1].Name!.Length)
                        {
                            return PathOf(frames);
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        NextElement(frames);
                        frames.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        NextElement(frames);
                        if (reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                        {
                            return PathOf(frames);
                        }

                        break;
                    default:
                        NextElement(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null; // malformed: the endpoint's own reading answers that, field by field
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-16 once unescaped: likewise
        }

        return null;
    }

    private static void NextElement(List<(bool IsArray, int Index, string? Name)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    /// <summary>Each object contributes the member being read, each array the index of the element being read.</summary>
    private static string PathOf(List<(bool IsArray, int Index, string? Name)> frames)
    {
        var path = new StringBuilder();
        foreach (var (isArray, index, name) in frames)
        {
            if (isArray)
            {
                path.Append('[').Append(index).Append(']');
            }
            else if (name is not null)
            {
                path.Append(path.Length > 0 ? "." : string.Empty).Append(name);
            }
        }

        return path.Length > 0 ? path.ToString() : "body";
    }

    private static ProblemDetails TooLarge() => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "The request body is too large.",
        Detail = $"A JSON body is at most {MaxJsonBytes / 1024} KB.",
        Extensions = { ["code"] = "input.too_large" },
    };

    private static HttpValidationProblemDetails NulProblem(string field) =>
        new(new Dictionary<string, string[]> { [field] = [NulMessage] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request holds a NUL character.",
            Extensions = { ["code"] = "input.nul_character", ["codes"] = new Dictionary<string, string[]> { [field] = ["input.nul_character"] } },
        };
}
