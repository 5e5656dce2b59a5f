using System.Globalization;
using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// A product: its name, description, price with VAT, stock, shop and photos; and "ask the shopkeeper":
/// the answered public questions, and a form for a signed-in customer to ask one. Out of stock, a signed-in customer
/// may ask to be told by e-mail when it is back ("tell me when it's back"), and cancel that.
/// </summary>
public sealed class ProductModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    public Product Product { get; private set; } = null!;

    public Shop? Shop { get; private set; }

    public IReadOnlyList<Question> Questions { get; private set; } = [];

    /// <summary>The product's name in the page's language (else the other).</summary>
    public string Name => Product.Name.In(Culture);

    /// <summary>The shop's name, as it signs its answers.</summary>
    public string ShopName => Shop?.Name ?? "";

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>Set after a question was sent (PRG): the confirmation shows once.</summary>
    [TempData]
    public bool Asked { get; set; }

    /// <summary>Set after the product was put in the basket (PRG): the confirmation shows once.</summary>
    [TempData]
    public bool AddedToBasket { get; set; }

    /// <summary>Out of stock and signed in: whether she asked to be told when it is back (null: not known).</summary>
    public StockAlert? StockAlert { get; private set; }

    /// <summary>Set after she asked to be told (PRG): the confirmation shows once.</summary>
    [TempData]
    public bool StockAlertAsked { get; set; }

    /// <summary>Set after she cancelled (PRG): the confirmation shows once.</summary>
    [TempData]
    public bool StockAlertCancelled { get; set; }

    /// <summary>Why asking was refused (back in stock since the page was shown...).</summary>
    public string? StockAlertError { get; private set; }

    /// <summary>Sign in, then back to this product to ask to be told when it is back.</summary>
    public string SignInToNotifyLink => "/sign-in?returnUrl=" + Uri.EscapeDataString(Link($"products/{Product.Id}") + "#notify");

    /// <summary>Why the product could not be put in the basket (out of stock since the page was shown...).</summary>
    public string? BasketError { get; private set; }

    /// <summary>Sign in, then back to this product to put it in the basket.</summary>
    public string SignInToBuyLink => "/sign-in?returnUrl=" + Uri.EscapeDataString(Link($"products/{Product.Id}") + "#buy");

    /// <summary>Sign in, then back to this product's questions.</summary>
    public string SignInToAskLink => "/sign-in?returnUrl=" + Uri.EscapeDataString(Link($"products/{Product.Id}") + "#ask");

    public async Task<IActionResult> OnGetAsync(Guid product, CancellationToken cancellationToken) =>
        await LoadAsync(product, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAskAsync(Guid product, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true || await Session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (!await LoadAsync(product, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), Texts["Errors.Required"]);
            return Page();
        }

        var result = await Api.AskQuestionAsync(token, Coop, product, Text.Trim(), cancellationToken);
        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.NotFound:
                return NotFound();
            case HttpStatusCode.TooManyRequests:
                ModelState.AddModelError("", Texts["Storefront.TooManyQuestions"]);
                return Page();
            case var _ when result.Succeeded:
                Asked = true;
                return Redirect(Link($"products/{product}") + "#ask");
            default:
                ShowErrors(result, nameof(Text));
                return Page();
        }
    }

    /// <summary>"Tell me when it's back": one request per customer and product (asking twice changes nothing).</summary>
    public async Task<IActionResult> OnPostNotifyAsync(Guid product, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true || await Session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await Api.AskStockAlertAsync(token, Coop, product, cancellationToken);
        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.NotFound:
                return NotFound();
            case var _ when result.Succeeded:
                StockAlertAsked = true;
                return Redirect(Link($"products/{product}") + "#notify");
            default:
                if (!await LoadAsync(product, cancellationToken))
                {
                    return NotFound();
                }

                StockAlertError = Translate(result.Code, Texts["Errors.Unexpected"]);
                return Page();
        }
    }

    /// <summary>She no longer wants the mail (nothing asked: nothing to do).</summary>
    public async Task<IActionResult> OnPostCancelNotifyAsync(Guid product, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true || await Session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await Api.CancelStockAlertAsync(token, Coop, product, cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            if (!await LoadAsync(product, cancellationToken))
            {
                return NotFound();
            }

            StockAlertError = Translate(result.Code, Texts["Errors.Unexpected"]);
            return Page();
        }

        StockAlertCancelled = true;
        return Redirect(Link($"products/{product}") + "#notify");
    }

    /// <summary>One more of the product in the basket (adding to what it already holds, at most 99).</summary>
    public async Task<IActionResult> OnPostAddToBasketAsync(Guid product, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true || await Session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var basket = await Api.GetBasketAsync(token, Coop, cancellationToken);
        var held = basket.Value?.Lines.FirstOrDefault(line => line.ProductId == product)?.Quantity ?? 0;
        var result = await Api.SetBasketLineAsync(token, Coop, product, Math.Min(held + 1, 99), cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized || basket.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (result.Succeeded)
        {
            AddedToBasket = true;
            return Redirect(Link($"products/{product}") + "#buy");
        }

        if (!await LoadAsync(product, cancellationToken))
        {
            return NotFound();
        }

        BasketError = Translate(result.Code, Texts["Errors.Unexpected"]);
        return Page();
    }

    /// <summary>The product's category in the page's language when it is in the cooperative's list, else as typed.</summary>
    public string CategoryLabel { get; private set; } = "";

    private async Task<bool> LoadAsync(Guid product, CancellationToken cancellationToken)
    {
        var token = User.Identity?.IsAuthenticated == true ? await Session.AccessTokenAsync() : null;
        if (await Api.FindProductAsync(token, Coop, product, cancellationToken) is not { } found)
        {
            return false;
        }

        Product = found;
        var shop = Api.FindShopAsync(token, Coop, found.ShopId, cancellationToken);
        var questions = Api.ListAnsweredQuestionsAsync(Coop, found.Id, cancellationToken);
        var categories = Api.ListProductCategoriesAsync(Coop, cancellationToken);
        var alert = token is not null && found.Stock.Available <= 0 ? Api.GetStockAlertAsync(token, Coop, found.Id, cancellationToken) : null;
        Shop = await shop;
        CategoryLabel = (await categories).Label(found.Category, CultureInfo.CurrentCulture);
        Questions = [.. (await questions).Where(question => question.Answer is not null && !question.Private)];
        StockAlert = alert is null ? null : (await alert).Value;
        return true;
    }
}
