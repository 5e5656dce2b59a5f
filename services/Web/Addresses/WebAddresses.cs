using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Localization;

namespace Marketplace.Web.Addresses;

/// <summary>
/// The web app's addresses (ADR 23): every page of a cooperative (home, storefront, back office, admin) is under
/// /{lang}/coops/{coop}/..., platform pages under /{lang}/...; a link is in the language of the page it is on.
/// The account pages (/sign-in, /sign-up, /forgot-password, /reset-password, /sign-out), the language switch, the
/// error pages and the platform's home stay without a language: they speak the visitor's language wherever they are
/// linked from, and the sign-in page is where the auth cookie sends anyone (see the ADR's consequences).
/// </summary>
public static class WebAddresses
{
    /// <summary>"fr" or "en": the language of the page being rendered (the request's culture).</summary>
    public static string Language => Cultures.Language(CultureInfo.CurrentUICulture);

    /// <summary>A page of a cooperative in the current language: Cooperative("lyon", "back-office") → /fr/coops/lyon/back-office.</summary>
    public static string Cooperative(string coop, string path = "") => Cooperative(Language, coop, path);

    /// <summary>A page of a cooperative in a given language ("fr" or "en").</summary>
    public static string Cooperative(string language, string coop, string path) =>
        path.Length == 0 ? $"/{language}/coops/{coop}" : $"/{language}/coops/{coop}/{path}";

    /// <summary>The "create a cooperative" page, in the current language.</summary>
    public static string NewCooperative => $"/{Language}/cooperatives/new";

    /// <summary>The platform admin's desk: the cooperatives waiting for the public list.</summary>
    public static string PlatformCooperatives => $"/{Language}/platform/cooperatives";

    /// <summary>"Send the confirmation link again", coming back to <paramref name="returnUrl"/> (a local address).</summary>
    public static string ResendConfirmation(string returnUrl) => $"/{Language}/confirm-email?handler=Resend&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>The sign-in page, back to <paramref name="returnUrl"/> (a local address; none for the home) once signed in.</summary>
    public static string SignIn(string? returnUrl) => WithReturn("/sign-in", returnUrl);

    /// <summary>The sign-up page, back to <paramref name="returnUrl"/> once the account is made.</summary>
    public static string SignUp(string? returnUrl) => WithReturn("/sign-up", returnUrl);

    /// <summary>
    /// Where the header's sign-in and sign-up links bring the visitor back to: the page they are on, or on the account
    /// pages themselves the page those were opened from (not back to the sign-in page after signing up).
    /// </summary>
    public static string? ReturnUrlFor(HttpRequest request, string here)
    {
        ArgumentNullException.ThrowIfNull(request);
        string[] accountPages = ["/sign-in", "/sign-up", "/sign-out", "/forgot-password", "/reset-password", "/confirm-email"];
        var onAccountPage = accountPages.Any(page => request.Path.StartsWithSegments(page, StringComparison.OrdinalIgnoreCase)
            || request.Path.Value?.EndsWith(page, StringComparison.OrdinalIgnoreCase) == true);
        return onAccountPage ? request.Query["returnUrl"].FirstOrDefault() : here;
    }

    private static string WithReturn(string page, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl == "/" || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? page
            : $"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// A cooperative's home linked from outside it (the platform's home): in the language the visitor chose with the
    /// switch, else in the cooperative's first language we speak, else the current one — the language its pages were
    /// shown in before their addresses named one.
    /// </summary>
    public static string CooperativeHome(HttpContext context, string coop, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(languages);
        var chosen = context.Features.Get<IRequestCultureFeature>()?.Provider is CookieRequestCultureProvider;
        var first = chosen ? null : languages.Select(Cultures.ForLanguage).FirstOrDefault(culture => culture is not null);
        return Cooperative(first is null ? Language : Cultures.Language(first), coop, "");
    }
}
