using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// The language switch: remembers the choice (the culture cookie for later visits, the visit's language for this one)
/// and goes back to the page the user was on, in the chosen language: /fr/coops/lyon/products?q=pain →
/// /en/coops/lyon/products?q=pain (the address says what the page is in).
/// </summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (Cultures.Supported.FirstOrDefault(supported => supported.Name == culture) is { } chosen)
        {
            var language = Cultures.Language(chosen);
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            AddressLanguageCultureProvider.Remember(Response, language);
            back = InLanguage(back, language);
        }

        return LocalRedirect(back);
    }

    /// <summary>The same local address in another language, when its first segment names one ("/fr", "/fr/…", "/fr?…").</summary>
    public static string InLanguage(string address, string language)
    {
        var end = address.IndexOfAny(['/', '?', '#'], 1);
        var first = end < 0 ? address[1..] : address[1..end];
        return address.StartsWith('/') && Cultures.ForLanguage(first) is not null
            ? "/" + language + (end < 0 ? "" : address[end..])
            : address;
    }
}
