using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Addresses;

/// <summary>
/// On every page whose address names its language (/{lang}/...): a link shared in English opens in English, but a
/// visitor who chose a language with the switch (the culture cookie wins over the address) is sent to the same page
/// in their language, so the address always says what the page is in. The language of the last such page is kept for
/// the visit (a session cookie) for the pages whose address names none. 302, not 301: where it goes depends on the
/// visitor. GETs only: a form posted from a page in one language is answered, and its redirect names the current one.
/// </summary>
internal sealed class AddressLanguageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var current = WebAddresses.Language;
        if (context.RouteData.Values["lang"] is not string lang || !HttpMethods.IsGet(request.Method))
        {
            return next();
        }

        if (lang == current)
        {
            // The pages whose address names no language (sign-in, sign-up, home) follow the last one that did, for a
            // visitor who has not chosen: one language at a time, not English here and French there.
            if (request.Cookies[AddressLanguageCultureProvider.CookieName] != lang)
            {
                context.HttpContext.Response.Cookies.Append(
                    AddressLanguageCultureProvider.CookieName, lang, new CookieOptions { IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return next();
        }

        // The route puts {lang} first: /fr/coops/lyon/products?q=pain → /en/coops/lyon/products?q=pain.
        var rest = new PathString((request.Path.Value ?? "")[(1 + lang.Length)..]);
        context.Result = new RedirectResult($"{request.PathBase.ToUriComponent()}/{current}{rest.ToUriComponent()}{request.QueryString.ToUriComponent()}");
        return Task.CompletedTask;
    }
}
