using System.Globalization;
using Marketplace.Web.Addresses;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.UnitTests.Web;

/// <summary>
/// ADR 23: the web app's old addresses (/c/{coop}/..., /cooperatives/new) answer a permanent redirect to the same page
/// under /{lang}/..., keeping the rest of the path and the query string; a page whose address names a language is in
/// that language, and keeps it for the visit.
/// </summary>
public class OldAddressesTests
{
    private const string Shop = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Theory]
    [InlineData("/c/lyon", "", "fr", "/fr/coops/lyon")]
    [InlineData("/c/lyon", "", "en", "/en/coops/lyon")]
    [InlineData("/c/lyon/", "", "fr", "/fr/coops/lyon/")]
    [InlineData("/c/lyon/back-office", "", "en", "/en/coops/lyon/back-office")]
    [InlineData("/c/lyon/back-office/new", "", "fr", "/fr/coops/lyon/back-office/new")]
    [InlineData("/c/lyon/back-office/" + Shop + "/questions", "", "fr", "/fr/coops/lyon/back-office/" + Shop + "/questions")]
    [InlineData("/c/lyon/back-office/" + Shop, "?status=archived", "en", "/en/coops/lyon/back-office/" + Shop + "?status=archived")]
    [InlineData("/c/lyon/admin/members", "", "fr", "/fr/coops/lyon/admin/members")]
    [InlineData("/c/lyon/admin/shops", "?a=1&b=%C3%A9t%C3%A9", "en", "/en/coops/lyon/admin/shops?a=1&b=%C3%A9t%C3%A9")]
    [InlineData("/C/lyon/Admin/Shops", "", "fr", "/fr/coops/lyon/Admin/Shops")]
    [InlineData("/c/caf\u00e9 b", "", "fr", "/fr/coops/caf%C3%A9%20b")]
    [InlineData("/cooperatives/new", "", "fr", "/fr/cooperatives/new")]
    [InlineData("/cooperatives/new", "", "en", "/en/cooperatives/new")]
    [InlineData("/Cooperatives/New/", "?from=home", "en", "/en/cooperatives/new?from=home")]
    public void Old_address_maps_to_the_same_page_under_its_language_keeping_the_path_and_query(string path, string query, string language, string expected) =>
        Assert.Equal(expected, OldAddresses.NewAddress(new PathString(path), new QueryString(query.Length == 0 ? null : query), language));

    [Theory]
    [InlineData("/")]
    [InlineData("/c")]
    [InlineData("/c/")]
    [InlineData("/c//evil.example/path")]
    [InlineData("/cafe")]
    [InlineData("/c-lyon/back-office")]
    [InlineData("/coops/lyon")]
    [InlineData("/fr/coops/lyon")]
    [InlineData("/en/coops/lyon/back-office")]
    [InlineData("/fr/cooperatives/new")]
    [InlineData("/cooperatives")]
    [InlineData("/cooperatives/new/other")]
    [InlineData("/sign-in")]
    [InlineData("/reset-password")]
    [InlineData("/status/404")]
    public void Other_addresses_are_not_old_ones(string path) =>
        Assert.Null(OldAddresses.NewAddress(new PathString(path), QueryString.Empty, "fr"));

    [Theory]
    [InlineData("GET", 301)]
    [InlineData("HEAD", 301)]
    [InlineData("POST", 308)]
    public void Links_get_301_and_a_form_posted_to_an_old_address_is_posted_again_to_the_new_one(string method, int status) =>
        Assert.Equal(status, OldAddresses.StatusFor(method));

    [Fact]
    public async Task Old_address_is_answered_301_in_the_request_s_language_without_reaching_the_pages()
    {
        // Given a visitor whose language (as localization picked it) is English, opening a mailed back-office link
        var context = Request("GET", "/c/lyon/back-office/" + Shop + "/questions", "?status=unanswered");
        var reached = false;
        var middleware = new OldAddressRedirects(_ => { reached = true; return Task.CompletedTask; });

        // When the request goes through the redirects
        await InCulture(Cultures.English, () => middleware.InvokeAsync(context));

        // Then it is sent, permanently, to the same page in English, and no page ran
        Assert.False(reached);
        Assert.Equal(301, context.Response.StatusCode);
        Assert.Equal("/en/coops/lyon/back-office/" + Shop + "/questions?status=unanswered", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Other_addresses_go_on_to_the_pages()
    {
        var context = Request("GET", "/fr/coops/lyon", "");
        var reached = false;
        var middleware = new OldAddressRedirects(_ => { reached = true; return Task.CompletedTask; });

        await InCulture(Cultures.French, () => middleware.InvokeAsync(context));

        Assert.True(reached);
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_page_at_an_address_in_another_language_than_the_visitor_chose_runs_and_keeps_its_language_for_the_visit()
    {
        // Given a visitor who chose English, following a French address of a shop's back office
        var (context, next) = PageRequest("GET", "/fr/coops/lyon/back-office/" + Shop, "?status=archived", "fr");

        // When the page is about to run
        await InCulture(Cultures.English, () => new AddressLanguageFilter().OnPageHandlerExecutionAsync(context, next.Invoke));

        // Then it runs (the address says what the page is in), and French is kept for the pages without a language
        Assert.True(next.Called);
        Assert.Null(context.Result);
        Assert.Contains(AddressLanguageCultureProvider.CookieName + "=fr", context.HttpContext.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/fr/coops/lyon/admin/shops", "fr")]
    [InlineData("POST", "/en/coops/lyon/admin/shops", "en")]
    [InlineData("GET", "/sign-in", null)]
    public async Task Page_in_the_visitor_s_language_a_posted_form_and_a_page_without_language_run(string method, string path, string? lang)
    {
        // Given a French-speaking visitor (a form posted from an English page is answered before any redirect)
        var (context, next) = PageRequest(method, path, "", lang);

        await InCulture(Cultures.French, () => new AddressLanguageFilter().OnPageHandlerExecutionAsync(context, next.Invoke));

        Assert.True(next.Called);
        Assert.Null(context.Result);
    }

    private static DefaultHttpContext Request(string method, string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return context;
    }

    private static (PageHandlerExecutingContext Context, Next Next) PageRequest(string method, string path, string query, string? lang)
    {
        var routeData = new RouteData();
        if (lang is not null)
        {
            routeData.Values["lang"] = lang;
        }

        var action = new ActionContext(Request(method, path, query), routeData, new CompiledPageActionDescriptor());
        var page = new PageContext(action);
        return (new PageHandlerExecutingContext(page, [], null, new Dictionary<string, object?>(), new object()), new Next(page));
    }

    private static async Task InCulture(CultureInfo culture, Func<Task> action)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private sealed class Next(PageContext page)
    {
        public bool Called { get; private set; }

        public Task<PageHandlerExecutedContext> Invoke()
        {
            Called = true;
            return Task.FromResult(new PageHandlerExecutedContext(page, [], null, new object()));
        }
    }
}
