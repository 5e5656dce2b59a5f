using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Ordering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// The signed-in customer's basket in this cooperative: its lines by shop (one sub-order each at checkout), today's
/// prices (a price that changed since the line was put in says so), what is no longer available, and the total;
/// change a quantity, remove a line, empty it. Every change posts and comes back here (PRG) with what was done.
/// </summary>
public sealed class BasketModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    public Basket Basket { get; private set; } = null!;

    /// <summary>The lines grouped by shop, in the basket's order (shops by name).</summary>
    public IReadOnlyList<IGrouping<Guid, BasketLine>> Shops => [.. Basket.Lines.GroupBy(line => line.ShopId)];

    /// <summary>What the last change did (or why it was refused), shown once.</summary>
    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public string NameOf(BasketLine line) => (Lang == "en" ? line.NameEn ?? line.NameFr : line.NameFr ?? line.NameEn) ?? "";

    public string? LangOf(BasketLine line) => Lang == "en" ? (line.NameEn is null && line.NameFr is not null ? "fr" : null) : (line.NameFr is null && line.NameEn is not null ? "en" : null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var basket = await Api.GetBasketAsync(token, Coop, cancellationToken);
        if (!basket.Succeeded)
        {
            return basket.Status == System.Net.HttpStatusCode.Unauthorized ? Challenge() : throw new HttpRequestException($"The basket answered {basket.Status}.", null, basket.Status);
        }

        Basket = basket.Value!;
        return Page();
    }

    public Task<IActionResult> OnPostQuantityAsync(Guid product, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(token => Api.SetBasketLineAsync(token, Coop, product, quantity, cancellationToken), "Basket.QuantityChanged");

    public Task<IActionResult> OnPostRemoveAsync(Guid product, CancellationToken cancellationToken) =>
        ChangeAsync(token => Api.RemoveBasketLineAsync(token, Coop, product, cancellationToken), "Basket.Removed");

    public Task<IActionResult> OnPostEmptyAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async token => await Api.EmptyBasketAsync(token, Coop, cancellationToken), "Basket.Emptied");

    private async Task<IActionResult> ChangeAsync<T>(Func<string, Task<ApiResult<T>>> change, string done)
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
        Notice = result.Succeeded
            ? Texts[done]
            : Translate(result.Code ?? result.Codes.Values.SelectMany(codes => codes).FirstOrDefault(), Texts["Errors.Unexpected"]);
        return Redirect(Link("basket"));
    }

    private async Task<string?> TokenAsync() => User.Identity?.IsAuthenticated == true ? await Session.AccessTokenAsync() : null;
}
