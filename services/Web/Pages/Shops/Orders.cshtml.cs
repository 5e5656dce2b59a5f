using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Ordering;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// The shop's order queue: its sub-orders once paid for, newest first, those waiting for its answer set apart with the
/// time left; each step the sub-order's state allows (accept, refuse with a reason, cancel an accepted one with a
/// reason, ready, collected or delivered). Ordering decides; its refusals are shown in the owner's language.
/// </summary>
public sealed class OrdersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : BackOfficePage(api, session, texts)
{
    public const int PageSize = 20;

    public ShopOrdersPage Orders { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Waiting for the shop's answer, the most urgent first.</summary>
    public IReadOnlyList<ShopOrder> Waiting { get; private set; } = [];

    /// <summary>Answered ones, newest first.</summary>
    public IReadOnlyList<ShopOrder> Others { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Orders, page => $"{BackOfficeUrl}/orders?page={page}");

    [BindProperty]
    public Guid OrderId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, shop, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        StepAsync(coop, shop, "ShopOrders.Accepted", () => Api.AcceptShopOrderAsync(Token, Tenant, shop, OrderId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        StepAsync(coop, shop, "ShopOrders.Refused", () => Api.RefuseShopOrderAsync(Token, Tenant, shop, OrderId, Reason!.Trim(), cancellationToken), cancellationToken, reasonField: "note");

    public Task<IActionResult> OnPostCancelAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        StepAsync(coop, shop, "ShopOrders.Cancelled", () => Api.CancelShopOrderAsync(Token, Tenant, shop, OrderId, Reason!.Trim(), cancellationToken), cancellationToken, reasonField: "reason");

    public Task<IActionResult> OnPostReadyAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        StepAsync(coop, shop, "ShopOrders.MadeReady", () => Api.MarkShopOrderReadyAsync(Token, Tenant, shop, OrderId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostHandedOverAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        StepAsync(coop, shop, "ShopOrders.MadeHandedOver", () => Api.MarkShopOrderHandedOverAsync(Token, Tenant, shop, OrderId, cancellationToken), cancellationToken);

    /// <summary>The field of a reason typed for that order (refuse or cancel): its errors show next to it.</summary>
    public static string ReasonField(Guid order, string step) => $"{step}-{order}";

    /// <summary>Ordering's refusal of a step on that order, shown in its card.</summary>
    public static string OrderField(Guid order) => $"Order-{order}";

    public IReadOnlyList<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? [.. entry.Errors.Select(error => error.ErrorMessage)] : [];

    /// <summary>The reason as typed, kept when the step failed on that order.</summary>
    public string? ReasonTyped(Guid order, string step) => ErrorsOf(ReasonField(order, step)).Count > 0 || ErrorsOf(OrderField(order)).Count > 0 ? Reason : null;

    public string Line(ShopOrderLine line) =>
        string.Format(CultureInfo.CurrentCulture, Texts["ShopOrders.Line"], line.Quantity, OrdersFormat.Name(line, CultureInfo.CurrentCulture));

    private async Task<IActionResult> StepAsync<T>(string coop, Guid shop, string done, Func<Task<ApiResult<T>>> step, CancellationToken cancellationToken, string? reasonField = null)
    {
        if (await LoadAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var stepName = reasonField == "note" ? "refuse" : "cancel";
        if (reasonField is not null && string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(ReasonField(OrderId, stepName), Texts[reasonField == "note" ? "ShopOrders.RefuseReasonRequired" : "ShopOrders.CancelReasonRequired"]);
            return Page();
        }

        var result = await step();
        if (Refused(result) is { } refused && result.Status != System.Net.HttpStatusCode.NotFound)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            if (reasonField is not null && result.Errors.Count > 0)
            {
                ShowFieldErrors(result, new Dictionary<string, string> { [reasonField] = ReasonField(OrderId, stepName) });
            }
            else
            {
                ModelState.AddModelError(OrderField(OrderId), Translate(result.Code, result.Title ?? Texts["Errors.Unexpected"]));
            }

            return Page();
        }

        var customer = Waiting.Concat(Others).FirstOrDefault(order => order.OrderId == OrderId)?.CustomerName ?? "";
        Notice = Elision.Format(CultureInfo.CurrentCulture, Texts[done], customer);
        return LocalRedirect($"{BackOfficeUrl}/orders{(PageNumber > 1 ? $"?page={PageNumber}" : "")}");
    }

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var orders = await Api.ListShopOrdersAsync(Token, Tenant, shop, Math.Max(1, PageNumber), PageSize, cancellationToken);
        if (Refused(orders) is { } refused)
        {
            return refused;
        }

        Orders = Required(orders);
        Waiting = [.. Orders.Items.Where(order => order.SubOrder.Status == "awaiting-shop").OrderBy(order => order.AnswerBy ?? DateTimeOffset.MaxValue)];
        Others = [.. Orders.Items.Where(order => order.SubOrder.Status != "awaiting-shop")];
        return null;
    }
}
