namespace Marketplace.Web.Addresses;

/// <summary>
/// The addresses the web app had before ADR 23 — /c/{coop}/... (a cooperative's home, back office and admin) and
/// /cooperatives/new — and where each now is: the same page under /{lang}/... with the rest of the path and the
/// query string kept, so mailed links and bookmarks keep working.
/// </summary>
public static class OldAddresses
{
    /// <summary>The new address of an old one, in <paramref name="language"/> ("fr" or "en"); null when <paramref name="path"/> is not an old address.</summary>
    public static string? NewAddress(PathString path, QueryString query, string language)
    {
        // StartsWithSegments ignores case, as routing did: /C/demo reached the old page too.
        if (path.StartsWithSegments("/c", out var rest) && rest.Value is ['/', not '/', ..])
        {
            return $"/{language}/coops{rest.ToUriComponent()}{query.ToUriComponent()}";
        }

        if (path.StartsWithSegments("/cooperatives/new", out rest) && rest.Value is null or "" or "/")
        {
            return $"/{language}/cooperatives/new{query.ToUriComponent()}";
        }

        return null;
    }

    /// <summary>
    /// 301 for a GET or HEAD (what links and bookmarks do); 308 otherwise, so a form posted from a page rendered before
    /// the move is posted again to its new address instead of becoming a GET that loses what was typed.
    /// </summary>
    public static int StatusFor(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? StatusCodes.Status301MovedPermanently : StatusCodes.Status308PermanentRedirect;
}

/// <summary>
/// Answers an old address with a permanent redirect to its new one, in the visitor's language: the culture the
/// localization middleware picked for the request (the language switch's cookie, else on /c/{coop} the cooperative's
/// first language, as the old page was shown, else French). A browser that keeps the redirect in its cache lands on
/// the page in the language it was redirected to first, one press of the switch away from the other.
/// </summary>
internal sealed class OldAddressRedirects(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (OldAddresses.NewAddress(request.Path, request.QueryString, WebAddresses.Language) is not { } address)
        {
            return next(context);
        }

        context.Response.StatusCode = OldAddresses.StatusFor(request.Method);
        context.Response.Headers.Location = request.PathBase.ToUriComponent() + address;
        return Task.CompletedTask;
    }
}
