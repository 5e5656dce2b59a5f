using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Ordering;
using Marketplace.Web.Api.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// One of the customer's orders: where it stands in words, each shop's part (lines, subtotal, pickup slot or delivery
/// address, its status and why it ended), the total, and its history. While the payment is pending, a link to pay on
/// Payments' hosted page, which comes back here (its return_url). The customer cancels the order, or one shop's part,
/// while Ordering allows it; a refusal is shown in their language.
/// </summary>
public sealed class OrderModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    public Order Order { get; private set; } = null!;

    public OrderPayment? Payment { get; private set; }

    /// <summary>The shops' receipts for what was charged, and the credit notes of refunds: none before the capture.</summary>
    public IReadOnlyList<PaymentDocument> Documents { get; private set; } = [];

    /// <summary>The hosted payment page with this page as the address to come back to, while the payment is pending.</summary>
    public string? PayLink { get; private set; }

    /// <summary>Back from the payment page (redirect_status=succeeded) before Payments has heard of it: say it is on its way.</summary>
    public bool PaymentOnItsWay { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public string ShopName(Guid? shop) => Order.SubOrders.FirstOrDefault(part => part.ShopId == shop)?.ShopName ?? "";

    public async Task<IActionResult> OnGetAsync(Guid order, [FromQuery(Name = "redirect_status")] string? redirectStatus, CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var found = await Api.GetOrderAsync(token, Coop, order, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Status switch
            {
                System.Net.HttpStatusCode.Unauthorized => Challenge(),
                System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden => NotFound(),
                _ => throw new HttpRequestException($"The order answered {found.Status}.", null, found.Status),
            };
        }

        Order = found.Value!;
        if (Order.Status is OrderStatuses.AwaitingStock or OrderStatuses.AwaitingPayment)
        {
            var payment = await Api.GetOrderPaymentAsync(token, Coop, order, cancellationToken);
            Payment = payment.Succeeded ? payment.Value : null;
            if (Payment?.PayUrl is { } payUrl)
            {
                var back = $"{Request.Scheme}://{Request.Host}{Link($"orders/{order}")}";
                PayLink = payUrl + (payUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?') + "return_url=" + Uri.EscapeDataString(back);
            }

            PaymentOnItsWay = redirectStatus == "succeeded";
        }
        else
        {
            var documents = await Api.GetOrderDocumentsAsync(token, Coop, order, cancellationToken);
            Documents = documents.Succeeded ? documents.Value! : [];
        }

        return Page();
    }

    /// <summary>A receipt or credit note of the order as a PDF in the page's language, passed on from Payments.</summary>
    public async Task<IActionResult> OnGetPdfAsync([FromQuery(Name = "document")] Guid document, CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var pdf = await Api.GetDocumentPdfAsync(token, Coop, document, DocumentList.Language, cancellationToken);
        return pdf.Status == System.Net.HttpStatusCode.Unauthorized ? Challenge() : pdf.Succeeded ? File(pdf.Value!, "application/pdf", $"{document}.pdf") : NotFound();
    }

    public Task<IActionResult> OnPostCancelAsync(Guid order, CancellationToken cancellationToken) =>
        ChangeAsync(order, token => Api.CancelOrderAsync(token, Coop, order, cancellationToken), "Order.Cancelled");

    public Task<IActionResult> OnPostCancelShopAsync(Guid order, Guid shop, CancellationToken cancellationToken) =>
        ChangeAsync(order, token => Api.CancelSubOrderAsync(token, Coop, order, shop, cancellationToken), "Order.ShopCancelled");

    private async Task<IActionResult> ChangeAsync(Guid order, Func<string, Task<ApiResult<Order>>> change, string done)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await change(token);
        if (result.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        NoticeIsError = !result.Succeeded;
        Notice = result.Succeeded ? Texts[done] : Translate(result.Code, result.Title ?? Texts["Errors.Unexpected"]);
        return Redirect(Link($"orders/{order}"));
    }

    private async Task<string?> TokenAsync() => User.Identity?.IsAuthenticated == true ? await Session.AccessTokenAsync() : null;
}
