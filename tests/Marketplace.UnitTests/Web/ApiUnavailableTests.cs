using System.Net;
using System.Net.Sockets;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Platform;

namespace Marketplace.UnitTests.Web;

/// <summary>MarketplaceApi turns every "not now" (429, 503, no answer, a timeout) into one typed exception; other answers stay as they were.</summary>
public class ApiUnavailableTests
{
    private static readonly TenantId Demo = TenantId.Parse("demo");
    private static readonly ProductQuery AnyQuery = new("pates", null, null, false, null, 1, 20);

    [Fact]
    public async Task A_503_problem_under_a_cooperative_means_it_is_being_prepared_for_as_long_as_Retry_After_says()
    {
        // Given a Catalog that has not applied its schema to the cooperative's database yet
        var api = Api(_ => Answer(HttpStatusCode.ServiceUnavailable, retryAfter: "7", problem: true));

        // When the storefront searches it
        var exception = await Assert.ThrowsAsync<ApiUnavailableException>(() => api.SearchProductsAsync(Demo, AnyQuery, CancellationToken.None));

        // Then the page will say that cooperative is being prepared, and when to try again
        Assert.Equal(Unavailability.Preparing, exception.Reason);
        Assert.Equal(Demo, exception.Cooperative);
        Assert.Equal(7, exception.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_429_means_busy_even_for_calls_that_used_to_throw_on_any_error()
    {
        // Given the gateway's rate limit, on the call that read the body without looking at the status
        var api = Api(_ => Answer(HttpStatusCode.TooManyRequests, retryAfter: "42", problem: true));

        // Then it is "busy, try again in 42 s", not an HTTP or JSON error
        var exception = await Assert.ThrowsAsync<ApiUnavailableException>(() => api.ListCooperativesAsync(null, 1, CancellationToken.None));
        Assert.Equal(Unavailability.Busy, exception.Reason);
        Assert.Equal(42, exception.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_bare_503_is_busy_and_without_Retry_After_the_wait_is_the_default()
    {
        var api = Api(_ => Answer(HttpStatusCode.ServiceUnavailable, retryAfter: null, problem: false));

        var exception = await Assert.ThrowsAsync<ApiUnavailableException>(() => api.GetCooperativeAsync(Demo, CancellationToken.None));

        Assert.Equal(Unavailability.Busy, exception.Reason);
        Assert.Equal(ApiUnavailableException.DefaultRetryAfter, exception.RetryAfter);
    }

    [Fact]
    public async Task A_Retry_After_date_counts_from_the_answer_s_own_date_and_is_capped()
    {
        var now = DateTimeOffset.UtcNow;
        var soon = Api(_ => Dated(now, now.AddSeconds(20)));
        var far = Api(_ => Dated(now, now.AddHours(2)));

        Assert.Equal(20, (await Assert.ThrowsAsync<ApiUnavailableException>(() => soon.ListCooperativesAsync(null, 1, CancellationToken.None))).RetryAfterSeconds);
        Assert.Equal(ApiUnavailableException.MaxRetryAfter, (await Assert.ThrowsAsync<ApiUnavailableException>(() => far.ListCooperativesAsync(null, 1, CancellationToken.None))).RetryAfter);
    }

    [Fact]
    public async Task A_gateway_that_refuses_the_connection_is_unreachable()
    {
        // Given a loopback port nobody listens on
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var api = new MarketplaceApi(http);

        // When a page (or signing in) calls the API, then it is "unreachable", with the connection error inside
        var exception = await Assert.ThrowsAsync<ApiUnavailableException>(() => api.SignInAsync("ana@example.org", "correct horse battery", CancellationToken.None));
        Assert.Equal(Unavailability.Unreachable, exception.Reason);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_unreachable_but_a_visitor_leaving_stays_a_cancellation()
    {
        // Given a gateway that never answers, and the client's timeout
        using var handler = new Stub(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://gateway"), Timeout = TimeSpan.FromMilliseconds(200) };
        var api = new MarketplaceApi(http);

        // Then the timeout is "unreachable"
        var exception = await Assert.ThrowsAsync<ApiUnavailableException>(() => api.ListCooperativesAsync(null, 1, CancellationToken.None));
        Assert.Equal(Unavailability.Unreachable, exception.Reason);

        // And the request's own cancellation is not turned into a page
        // (cancelled for certain before the client's timeout: a timer could fire late on a busy machine)
        using var leaving = new CancellationTokenSource();
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.ListCooperativesAsync(null, 1, leaving.Token));
    }

    [Fact]
    public async Task Other_errors_are_still_the_page_s_to_handle()
    {
        // A 400 with field errors stays an ApiResult, a 404 stays "no such cooperative", a 500 stays an error
        Assert.Equal(HttpStatusCode.BadRequest, (await Api(_ => Answer(HttpStatusCode.BadRequest, null, problem: true))
            .CreateAccountAsync(new NewAccount("a@b.c", "x", "A", "fr"), CancellationToken.None)).Status);
        Assert.Null(await Api(_ => new HttpResponseMessage(HttpStatusCode.NotFound)).GetCooperativeAsync(Demo, CancellationToken.None));
        await Assert.ThrowsAsync<HttpRequestException>(() => Api(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError)).GetCooperativeAsync(Demo, CancellationToken.None));
    }

    private static MarketplaceApi Api(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new HttpClient(new Stub((request, _) => Task.FromResult(answer(request)))) { BaseAddress = new Uri("http://gateway") });

    private static HttpResponseMessage Answer(HttpStatusCode status, string? retryAfter, bool problem)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        if (problem)
        {
            response.Content = new StringContent($$"""{"status":{{(int)status}},"title":"Not now."}""", Encoding.UTF8, "application/problem+json");
        }

        return response;
    }

    private static HttpResponseMessage Dated(DateTimeOffset date, DateTimeOffset retryAt)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.Date = date;
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAt);
        return response;
    }

    private sealed class Stub(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answer(request, cancellationToken);
    }
}
