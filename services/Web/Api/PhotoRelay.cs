namespace Marketplace.Web.Api;

/// <summary>
/// Browsers load photos from the web app at the addresses the Catalog's read models give
/// (/api/coops/{coop}/products|shops/{id}/photo/{version}/{width}); the web app fetches them from the gateway and
/// passes on the bytes with their type, ETag and year-long caching. Only these addresses are relayed.
/// </summary>
internal static class PhotoRelay
{
    public static void MapPhotoRelay(this WebApplication app) =>
        app.MapGet("/api/coops/{coop}/{of:regex(^(shops|products)$)}/{id:guid}/photo/{version:regex(^[0-9a-f]{{16}}$)}/{width:int}",
            async (string coop, string of, Guid id, string version, int width, HttpContext http, MarketplaceApi api, CancellationToken cancellationToken) =>
            {
                HttpResponseMessage answer;
                try
                {
                    answer = await api.GetPhotoAsync($"/api/coops/{Uri.EscapeDataString(coop)}/{of}/{id}/photo/{version}/{width}", cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return TryAgain(http);
                }

                using var _ = answer;
                if (!answer.IsSuccessStatusCode)
                {
                    // Gone or never there: 404. The Catalog or the gateway busy or starting: try again, not "no photo".
                    return (int)answer.StatusCode is 429 or >= 500 ? TryAgain(http) : Results.NotFound();
                }

                var etag = answer.Headers.ETag?.ToString();
                if (etag is not null && http.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                http.Response.Headers.CacheControl = answer.Headers.CacheControl?.ToString() ?? "public, max-age=31536000, immutable";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                if (etag is not null)
                {
                    http.Response.Headers.ETag = etag;
                }

                var bytes = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
                return Results.Bytes(bytes, answer.Content.Headers.ContentType?.MediaType ?? "image/webp");
            })
            .AllowAnonymous();

    private static IResult TryAgain(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}
