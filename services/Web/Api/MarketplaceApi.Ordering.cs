using Marketplace.Contracts;
using Marketplace.Web.Api.Ordering;

namespace Marketplace.Web.Api;

/// <summary>The customer's basket, through the gateway, always on behalf of the signed-in customer.</summary>
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
}
