using Marketplace.Contracts;
using Marketplace.Web.Api.Ordering;

namespace Marketplace.Web.Api;

/// <summary>A shop's order queue and the steps it takes on each sub-order, and the cooperative's orders for its admins (Ordering).</summary>
public sealed partial class MarketplaceApi
{
    /// <summary>The shop's sub-orders once paid for, newest first (owners and admins).</summary>
    public Task<ApiResult<ShopOrdersPage>> ListShopOrdersAsync(string accessToken, TenantId coop, Guid shop, int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<ShopOrdersPage>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/orders?page={page}&pageSize={pageSize}", null, accessToken, cancellationToken);

    public Task<ApiResult<ShopOrder>> AcceptShopOrderAsync(string accessToken, TenantId coop, Guid shop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<ShopOrder>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/accept", null, accessToken, cancellationToken);

    public Task<ApiResult<ShopOrder>> RefuseShopOrderAsync(string accessToken, TenantId coop, Guid shop, Guid order, string note, CancellationToken cancellationToken) =>
        SendAsync<ShopOrder>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/refuse", new ShopOrderRefusal(note), accessToken, cancellationToken);

    /// <summary>The shop cannot fulfil a sub-order it accepted: the customer is refunded its part.</summary>
    public Task<ApiResult<ShopOrder>> CancelShopOrderAsync(string accessToken, TenantId coop, Guid shop, Guid order, string reason, CancellationToken cancellationToken) =>
        SendAsync<ShopOrder>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/cancel", new ShopOrderCancellation(reason), accessToken, cancellationToken);

    public Task<ApiResult<ShopOrder>> MarkShopOrderReadyAsync(string accessToken, TenantId coop, Guid shop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<ShopOrder>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/ready", null, accessToken, cancellationToken);

    /// <summary>Collected by the customer, or delivered.</summary>
    public Task<ApiResult<ShopOrder>> MarkShopOrderHandedOverAsync(string accessToken, TenantId coop, Guid shop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<ShopOrder>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/handed-over", null, accessToken, cancellationToken);

    /// <summary>Every order of the cooperative, newest first (admins).</summary>
    public Task<ApiResult<CoopOrdersPage>> ListCooperativeOrdersAsync(string accessToken, TenantId coop, int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<CoopOrdersPage>(HttpMethod.Get, $"/api/coops/{coop}/admin/orders?page={page}&pageSize={pageSize}", null, accessToken, cancellationToken);
}
