using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Localization;

/// <summary>
/// French and English, as specific cultures (a neutral "fr" formats money with a generic currency sign).
/// The choice, in order: a language in the path (every page of a cooperative, /{lang}/coops/{coop}/..., the platform's
/// /{lang}/... pages, the mailed reset link: the address says what the page is in, so a link shared in English opens in
/// English whatever the visitor chose before), then the language of the last /{lang}/ page of this visit (a link
/// followed in English keeps sign-in and sign-up in English: one language at a time), then the culture cookie (the
/// language switch, remembered a year), on an old cooperative address (/c/{coop}/..., redirected) the cooperative's
/// first language, then the browser's languages (Accept-Language: an English browser's first visit is in English),
/// else French.
/// </summary>
public static class Cultures
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly IReadOnlyList<CultureInfo> Supported = [French, English];

    /// <summary>The culture of a cooperative language code ("fr", "en"); null when we do not speak it.</summary>
    public static CultureInfo? ForLanguage(string? language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => null,
    };

    public static string Language(CultureInfo culture) => culture.TwoLetterISOLanguageName;

    internal static IServiceCollection AddMarketplaceLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(French);
            options.SupportedCultures = [.. Supported];
            options.SupportedUICultures = [.. Supported];
            options.RequestCultureProviders =
            [
                new PathLanguageCultureProvider(),
                new AddressLanguageCultureProvider(),
                new CookieRequestCultureProvider(),
                new CooperativeCultureProvider(),
                new BrowserLanguageCultureProvider(),
            ];
        });
        return services;
    }
}

/// <summary>The language of the last page of this visit whose address named one (set by AddressLanguageFilter).</summary>
internal sealed class AddressLanguageCultureProvider : RequestCultureProvider
{
    public const string CookieName = "marketplace-address-lang";

    /// <summary>Keeps a language for the rest of the visit (a session cookie).</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(CookieName, language, new CookieOptions { IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = Cultures.ForLanguage(httpContext.Request.Cookies[CookieName]);
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
    }
}

/// <summary>
/// The browser's languages (Accept-Language), best first: the first one we speak, whatever its region ("en-US" and
/// "en" are English, en-GB; "fr-BE" is French, fr-FR). The stock provider matches cultures exactly and would send an
/// American browser to French.
/// </summary>
internal sealed class BrowserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        var culture = languages
            .Where(language => language.Quality is not 0)
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => Cultures.ForLanguage(language.Value.Value?.Split('-')[0].ToLowerInvariant()))
            .FirstOrDefault(culture => culture is not null);
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
    }
}

/// <summary>/fr/... or /en/...: addresses that carry their language (a cooperative's pages, the mailed password-reset link).</summary>
internal sealed class PathLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var segments = (httpContext.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var culture = segments.Length > 0 ? Cultures.ForLanguage(segments[0]) : null;
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
    }
}

/// <summary>
/// On an old cooperative address (/c/{coop}/..., which now only redirects: ADR 23), its first language unless the
/// visitor chose one: a bookmark or a mailed link opens its page in the language it was shown in before.
/// </summary>
internal sealed class CooperativeCultureProvider : RequestCultureProvider
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var segments = (httpContext.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !string.Equals(segments[0], "c", StringComparison.OrdinalIgnoreCase) || !TenantId.TryParse(segments[1], out var coop))
        {
            return null;
        }

        var cache = httpContext.RequestServices.GetRequiredService<IMemoryCache>();
        try
        {
            return await LanguageAsync(httpContext, cache, coop) is { } language ? new ProviderCultureResult(language) : null;
        }
        catch (ApiUnavailableException)
        {
            // Not cached: the next request asks again. This one falls back to French, and the page itself
            // (which needs the API too) will most likely show "try again".
            return null;
        }
    }

    private static Task<string?> LanguageAsync(HttpContext httpContext, IMemoryCache cache, TenantId coop) =>
        cache.GetOrCreateAsync($"coop-language:{coop}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var api = httpContext.RequestServices.GetRequiredService<MarketplaceApi>();
            var cooperative = await api.GetCooperativeAsync(coop, httpContext.RequestAborted);
            return cooperative?.Languages.Select(Cultures.ForLanguage).FirstOrDefault(culture => culture is not null)?.Name;
        });
}
