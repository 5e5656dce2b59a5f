using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Addresses;

/// <summary>
/// On every page whose address names its language (/{lang}/...), that language is the page's (the path wins over
/// the switch's cookie: a link shared in English opens in English). It is kept for the rest of the visit (a session
/// cookie) for the pages whose address names none (sign-in, sign-up): one language at a time, not English here and
/// French there. GETs only: a form posted from a page is answered in the page's language already.
/// </summary>
internal sealed class AddressLanguageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (context.RouteData.Values["lang"] is string lang && HttpMethods.IsGet(http.Request.Method)
            && Cultures.ForLanguage(lang) is not null && http.Request.Cookies[AddressLanguageCultureProvider.CookieName] != lang)
        {
            AddressLanguageCultureProvider.Remember(http.Response, lang);
        }

        return next();
    }
}
