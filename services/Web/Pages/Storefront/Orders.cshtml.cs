using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Ordering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>"My orders": the signed-in customer's orders in this cooperative, newest first, a page at a time.</summary>
public sealed class OrdersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    public OrdersPage Orders { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Orders, page => Link($"orders?page={page}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true || await Session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var orders = await Api.ListMyOrdersAsync(token, Coop, PageNumber, cancellationToken);
        if (!orders.Succeeded)
        {
            return orders.Status == System.Net.HttpStatusCode.Unauthorized ? Challenge() : throw new HttpRequestException($"The orders answered {orders.Status}.", null, orders.Status);
        }

        Orders = orders.Value!;
        var last = ((IPaged)Orders).PageCount;
        return PageNumber > last ? Redirect(Pager.Link(last)) : Page();
    }
}
