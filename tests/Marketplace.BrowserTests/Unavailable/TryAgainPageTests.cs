using System.Text;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Unavailable;

/// <summary>
/// The web app in front of a stand-in gateway (a real HTTP server on loopback) that answers what each test needs:
/// 503 while a cooperative is prepared, 429, a dropped connection. No PostgreSQL or RabbitMQ: these answers are
/// the gateway's and the services', and the point is what the web app makes of them.
/// </summary>
public sealed class StandInGateway : IAsyncLifetime
{
    private WebApplication? _gateway;
    private BrowserHost? _host;

    /// <summary>What the stand-in answers now; each test sets it.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: never one of deploy/run.sh's (5100-5104).
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _gateway = builder.Build();
        _gateway.Run(context => Answer(context));
        await _gateway.StartAsync();
        var gatewayAddress = _gateway.Urls.First();
        _host = await BrowserHost.StartAsync(web => web.UseSetting("Marketplace:ApiBaseUrl", gatewayAddress));
    }

    public Uri BaseAddress => _host!.BaseAddress;

    public Task<IPage> NewVisitorAsync() => _host!.NewVisitorAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

public class TryAgainPageTests(StandInGateway gateway) : IClassFixture<StandInGateway>
{
    private const string Demo = """{"slug":"demo","name":"Démo","country":"FR","currency":"EUR","languages":["fr","en"]}""";

    [Fact]
    public async Task A_cooperative_still_being_prepared_gets_a_503_try_again_page_and_the_link_works_once_it_is_ready()
    {
        // Given a cooperative whose catalog is not ready yet: the Catalog answers 503, Retry-After 4, with a ProblemDetails
        var ready = false;
        gateway.Answer = context => context.Request.Path.Value switch
        {
            "/api/cooperatives/demo" => Json(context, 200, Demo),
            "/api/coops/demo/products" when ready => Json(context, 200, """
                {"items":[{"id":"7d0c5a8e-0b53-4d8e-9a3e-1f8f3c1f0a01","shopId":"7d0c5a8e-0b53-4d8e-9a3e-1f8f3c1f0a02","shopName":"Épicerie",
                  "name":{"fr":"Pâtes fraîches","en":"Fresh egg pasta"},"category":"Épicerie","price":{"minor":450,"currency":"EUR"},
                  "vatRate":550,"imageUrl":null,"available":24}],"page":1,"pageSize":20,"total":1}
                """),
            _ when ready => Json(context, 200, "[]"),
            _ => NotReady(context),
        };
        var page = await gateway.NewVisitorAsync();

        // When an English-speaking visitor searches its storefront
        var response = await page.GotoAsync("/en/coops/demo/products?q=pasta");

        // Then the answer is 503 with Retry-After (for crawlers and monitors), and the page says why and when, in English
        Assert.NotNull(response);
        Assert.Equal(503, response.Status);
        Assert.Equal("4", await response.HeaderValueAsync("retry-after"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Please try again in a moment");
        await Expect(page.GetByTestId("unavailable-reason")).ToContainTextAsync("\"demo\" is still being prepared");
        await Expect(page.GetByTestId("unavailable-wait")).ToHaveTextAsync("Please try again in 4 seconds.");
        var tryAgain = page.GetByRole(AriaRole.Link, new() { Name = "Try again" });
        await Expect(tryAgain).ToHaveAttributeAsync("href", "/en/coops/demo/products?q=pasta");
        await page.ScanAndCaptureAsync("try-again-preparing-en");

        // And once the cooperative is ready, "Try again" shows the search it asked for
        ready = true;
        await tryAgain.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(gateway.BaseAddress, "/en/coops/demo/products?q=pasta").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Fresh egg pasta" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Too_many_requests_and_an_unreachable_gateway_say_so_in_French()
    {
        // Given the gateway's rate limit (429, Retry-After 30)
        gateway.Answer = context =>
        {
            context.Response.Headers.RetryAfter = "30";
            return Json(context, 429, """{"status":429,"title":"Too many requests."}""", "application/problem+json");
        };
        var page = await gateway.NewVisitorAsync();

        // When a visitor (French by default) opens the home page
        var response = await page.GotoAsync("/");

        // Then it is a 503 "busy" page, in French, with the gateway's wait
        Assert.Equal(503, response!.Status);
        Assert.Equal("30", await response.HeaderValueAsync("retry-after"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Réessayez dans un instant");
        await Expect(page.GetByTestId("unavailable-reason")).ToHaveTextAsync("La place de marché est très sollicitée en ce moment et n'a pas pu répondre.");
        await Expect(page.GetByTestId("unavailable-wait")).ToHaveTextAsync("Veuillez réessayer dans 30 secondes.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Réessayer" })).ToHaveAttributeAsync("href", "/");
        await page.ScanAndCaptureAsync("try-again-busy-fr");

        // And when the gateway drops the connection, a sign-in (a form's POST) gets the "unreachable" page, not a 500
        gateway.Answer = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync("ana@example.org");
        await page.GetByLabel("Mot de passe").FillAsync("correct horse battery");
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync(),
            candidate => candidate.Request.Method == "POST");
        Assert.Equal(503, posted.Status);
        await Expect(page.GetByTestId("unavailable-reason")).ToHaveTextAsync("La place de marché est injoignable pour le moment.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Réessayer" })).ToHaveAttributeAsync("href", "/sign-in");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_service_failing_while_it_starts_gets_the_try_again_page_not_a_stack_trace()
    {
        // Given a Catalog that answers 500 while it starts (its database not there yet), as the gateway passes it on
        var searched = 0;
        gateway.Answer = context => context.Request.Path.Value switch
        {
            "/api/cooperatives/demo" => Json(context, 200, Demo),
            "/api/coops/demo/products" => Failing(context, () => searched++),
            _ => Json(context, 200, "[]"),
        };
        var page = await gateway.NewVisitorAsync();

        // When a visitor searches the storefront, in French
        var response = await page.GotoAsync("/fr/coops/demo/products?q=pain");

        // Then it is the "try again" page (503, Retry-After), in French, with no trace of the exception
        Assert.Equal(1, searched);
        Assert.Equal(503, response!.Status);
        Assert.Equal("5", await response.HeaderValueAsync("retry-after"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Réessayez dans un instant");
        await Expect(page.GetByTestId("unavailable-reason")).ToHaveTextAsync("Une partie de la place de marché n'a pas pu répondre : elle redémarre peut-être.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Réessayer" })).ToHaveAttributeAsync("href", "/fr/coops/demo/products?q=pain");
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScanAndCaptureAsync("try-again-failing-fr");
    }

    [Fact]
    public async Task A_search_over_200_characters_is_told_so_in_the_visitor_s_language_and_not_sent()
    {
        // Given a storefront whose Catalog would refuse such a search (400)
        var searched = 0;
        gateway.Answer = context => context.Request.Path.Value switch
        {
            "/api/cooperatives/demo" => Json(context, 200, Demo),
            "/api/coops/demo/products" => Refused(context, () => searched++),
            _ => Json(context, 200, "[]"),
        };
        var page = await gateway.NewVisitorAsync();
        var tooLong = string.Concat(Enumerable.Repeat("pain de campagne ", 13)).Trim(); // 220 characters

        // When a visitor follows a link that searches 220 characters, in French then in English
        var response = await page.GotoAsync("/fr/coops/demo/products?q=" + Uri.EscapeDataString(tooLong));

        // Then it is a 400 that says why, next to the search box, and the Catalog was not asked
        Assert.Equal(400, response!.Status);
        Assert.Equal(0, searched);
        await Expect(page.GetByTestId("search-error")).ToHaveTextAsync($"Une recherche tient en 200 caractères au plus ; la vôtre en compte {tooLong.Length}. Raccourcissez-la, par exemple à quelques mots.");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Rechercher un produit" })).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("search-too-long-fr");

        response = await page.GotoAsync("/en/coops/demo/products?q=" + Uri.EscapeDataString(tooLong));
        Assert.Equal(400, response!.Status);
        await Expect(page.GetByTestId("search-error")).ToHaveTextAsync($"A search is at most 200 characters long; yours has {tooLong.Length}. Shorten it, to a few words for instance.");
        await page.AssertAccessibleAsync();

        // And 200 characters exactly are searched
        await page.GotoAsync("/en/coops/demo/products?q=" + Uri.EscapeDataString(tooLong[..200]));
        Assert.Equal(1, searched);
    }

    private static Task Failing(HttpContext context, Action count)
    {
        count();
        return Json(context, 500, """{"status":500,"title":"An error occurred while processing your request."}""", "application/problem+json");
    }

    private static Task Refused(HttpContext context, Action count)
    {
        count();
        return context.Request.Query["q"].ToString().Length > 200
            ? Json(context, 400, """{"status":400,"title":"One or more validation errors occurred.","errors":{"q":["Too long."]}}""", "application/problem+json")
            : Json(context, 200, """{"items":[],"page":1,"pageSize":20,"total":0}""");
    }

    private static Task NotReady(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "4";
        return Json(context, 503, """{"status":503,"title":"This cooperative is still being set up; try again in a few seconds."}""", "application/problem+json");
    }

    private static Task Json(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8);
    }
}
