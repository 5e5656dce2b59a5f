using Marketplace.Contracts;
using Marketplace.Web.Api.Payments;

namespace Marketplace.Web.Api;

/// <summary>An order's payment, for its customer.</summary>
public sealed partial class MarketplaceApi
{
    /// <summary>404 payments.payment_not_found until Payments has opened the payment (after Catalog held the stock).</summary>
    public Task<ApiResult<OrderPayment>> GetOrderPaymentAsync(string accessToken, TenantId coop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<OrderPayment>(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}/payment", null, accessToken, cancellationToken);
}
