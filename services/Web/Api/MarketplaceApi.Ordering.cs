using Marketplace.Contracts;
using Marketplace.Web.Api.Ordering;

namespace Marketplace.Web.Api;

/// <summary>The customer's basket and orders, through the gateway, always on behalf of the signed-in customer.</summary>
public sealed partial class MarketplaceApi
{
    public Task<ApiResult<Basket>> GetBasketAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<Basket>(HttpMethod.Get, $"/api/coops/{coop}/basket", null, accessToken, cancellationToken);

    /// <summary>Puts the product in the basket, or changes how many (1 to 99).</summary>
    public Task<ApiResult<Basket>> SetBasketLineAsync(string accessToken, TenantId coop, Guid product, int quantity, CancellationToken cancellationToken) =>
        SendAsync<Basket>(HttpMethod.Put, $"/api/coops/{coop}/basket/lines/{product}", new BasketQuantity(quantity), accessToken, cancellationToken);

    public Task<ApiResult<Basket>> RemoveBasketLineAsync(string accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<Basket>(HttpMethod.Delete, $"/api/coops/{coop}/basket/lines/{product}", null, accessToken, cancellationToken);

    public Task<ApiResult<object>> EmptyBasketAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/basket", null, accessToken, cancellationToken);

    /// <summary>Checks the basket out: 201 with the order, 200 with the same order for an id already placed (a double submit), 409 with every problem on its field.</summary>
    public Task<ApiResult<Order>> PlaceOrderAsync(string accessToken, TenantId coop, PlaceOrder order, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Post, $"/api/coops/{coop}/orders", order, accessToken, cancellationToken);

    /// <summary>The signed-in customer's orders, newest first.</summary>
    public Task<ApiResult<OrdersPage>> ListMyOrdersAsync(string accessToken, TenantId coop, int page, CancellationToken cancellationToken) =>
        SendAsync<OrdersPage>(HttpMethod.Get, $"/api/coops/{coop}/orders?page={page}", null, accessToken, cancellationToken);

    /// <summary>One of the customer's orders with its history (404 order.not_found for anyone else's).</summary>
    public Task<ApiResult<Order>> GetOrderAsync(string accessToken, TenantId coop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}", null, accessToken, cancellationToken);

    /// <summary>Cancels the whole order while no shop has accepted any of it.</summary>
    public Task<ApiResult<Order>> CancelOrderAsync(string accessToken, TenantId coop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Post, $"/api/coops/{coop}/orders/{order}/cancel", null, accessToken, cancellationToken);

    /// <summary>Cancels one shop's part while that shop has not answered (once the payment is authorised).</summary>
    public Task<ApiResult<Order>> CancelSubOrderAsync(string accessToken, TenantId coop, Guid order, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Post, $"/api/coops/{coop}/orders/{order}/shops/{shop}/cancel", null, accessToken, cancellationToken);
}
