using System.Net;
using System.Text;

namespace Marketplace.StripeSandbox;

/// <summary>The sandbox's few plain HTML pages (payment, authentication, onboarding): English only, a stand-in for Stripe's.</summary>
internal static class Pages
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Text($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Encode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
        label,input,button{font-size:1.1rem}input{padding:.4rem;width:100%;box-sizing:border-box}button{margin:.5rem .5rem 0 0;padding:.5rem 1rem}
        .error{color:#a40000;font-weight:bold}</style></head>
        <body><main><h1>{{Encode(title)}}</h1>
        {{body}}
        </main></body></html>
        """, "text/html", Encoding.UTF8, status);

    /// <summary>A page's form; anything else (another content type, an unreadable body) reads as an empty form, which the page refuses.</summary>
    public static async Task<IFormCollection> FormAsync(HttpRequest request)
    {
        try
        {
            return request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException)
        {
            return FormCollection.Empty;
        }
    }

    public static string PublicUrl(HttpContext http, SandboxOptions options) =>
        (options.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
}
