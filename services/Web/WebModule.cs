using Marketplace.Hosting;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web;

/// <summary>
/// The web app: server-rendered Razor Pages in French and English over the public HTTP API. It stores
/// nothing of its own; the signed-in user's access and refresh tokens live in the encrypted auth cookie.
/// </summary>
public static class WebModule
{
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.AddHostingDefaults("web");
        var settings = builder.AddSettings<WebSettings>(WebSettings.Section);
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Cooperatives/Admin");
            pages.Conventions.AuthorizePage("/Cooperatives/Create");
            pages.Conventions.AuthorizeFolder("/Shops");
            // The reset link mailed by the Platform names the language: {WebBaseUrl}/{lang}/reset-password.
            pages.Conventions.AddPageRoute("/Accounts/ResetPassword", "/{lang:regex(^(fr|en)$)}/reset-password");
            // So do the confirmation link mailed at sign-up and the "forgot your password" link of the sign-in lock mail.
            pages.Conventions.AddPageRoute("/Accounts/ConfirmEmail", "/{lang:regex(^(fr|en)$)}/confirm-email");
            pages.Conventions.AddPageRoute("/Accounts/ForgotPassword", "/{lang:regex(^(fr|en)$)}/forgot-password");
            // Every page whose address names its language is in that language, or sends the visitor to the one they chose.
            pages.Conventions.ConfigureFilter(new AddressLanguageFilter());
        });
        builder.Services.AddMarketplaceLocalization();

        builder.Services.AddHttpClient<MarketplaceApi>(client =>
        {
            client.BaseAddress = settings.ApiBaseUrl;
            client.Timeout = TimeSpan.FromSeconds(settings.ApiTimeoutSeconds);
        }).AddHttpMessageHandler<ForwardVisitorAddress>();
        builder.Services.AddTransient<ForwardVisitorAddress>();
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<TokenSession>();
        builder.Services.TryAddSingleton(TimeProvider.System); // checkout's pickup slots start from now

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "marketplace-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/sign-in";
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = "/sign-in";
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
                cookie.EventsType = typeof(RefreshingCookieEvents);
            });
        builder.Services.AddScoped<RefreshingCookieEvents>();
        builder.Services.AddAuthorization();
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        // After localization (an old address is sent on in the visitor's language), before anything that reads a page.
        app.UseMiddleware<OldAddressRedirects>();
        // After localization (the "try again" page speaks the visitor's language), before everything that calls the API.
        app.UseMiddleware<ApiUnavailableMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapPhotoRelay();
        app.MapHealthEndpoints();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class WebService;
