using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Ordering;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>Every order of the cooperative for its admins, newest first: the customer, each shop's part and where it stands, the total.</summary>
public sealed class OrdersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    public const int PageSize = 20;

    public CoopOrdersPage Orders { get; private set; } = new([], 1, PageSize, 0);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Orders, page => WebAddresses.Cooperative(Slug, $"admin/orders?page={page}"));

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var orders = await Api.ListCooperativeOrdersAsync(Token, Tenant, Math.Clamp(PageNumber, 1, 1_000_000), PageSize, cancellationToken);
        if (Refused(orders) is { } refused)
        {
            return refused;
        }

        Orders = orders.Succeeded && orders.Value is { } page ? page : throw new HttpRequestException($"Listing the cooperative's orders answered {orders.Status}.", null, orders.Status);
        return Page();
    }

    public string OrderStatus(CoopOrder order) =>
        Texts["AdminOrders.Status." + order.Status] is { ResourceNotFound: false } known ? known : order.Status;
}
