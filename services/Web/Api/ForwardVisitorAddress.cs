namespace Marketplace.Web.Api;

/// <summary>
/// Names the visitor the web app calls for (X-Forwarded-For), so the gateway limits each anonymous visitor
/// by their own address instead of counting every storefront page view against the web app's one address.
/// The gateway believes the header only from the proxies it trusts (Gateway:TrustedProxies).
/// </summary>
internal sealed class ForwardVisitorAddress(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } visitor)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (visitor.IsIPv4MappedToIPv6 ? visitor.MapToIPv4() : visitor).ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
