using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>One product of the shop: its details, its price (with the history), its stock (adjusted with a reason, or set to a count), archive or reactivate.</summary>
public sealed class ProductModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public static readonly IReadOnlyList<string> Reasons = ["restock", "sale-in-shop", "correction"];

    private bool _counting;

    private bool _food;

    public Product Product { get; private set; } = null!;

    [BindProperty]
    public ProductForm Form { get; set; } = new();

    [BindProperty]
    public string? NewPrice { get; set; }

    [BindProperty]
    public int? Quantity { get; set; }

    [BindProperty]
    public string Reason { get; set; } = "restock";

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The count form's number: prefilled with the units on hand, so a baker changes it to what she counted.</summary>
    [BindProperty]
    public int? CountedOnHand { get; set; }

    [BindProperty]
    public string? CountNote { get; set; }

    [BindProperty]
    public string FoodSoldBy { get; set; } = "piece";

    /// <summary>As typed, in the page's culture ("1,5" in French).</summary>
    [BindProperty]
    public string? FoodAmount { get; set; }

    [BindProperty]
    public string FoodUnit { get; set; } = "g";

    [BindProperty]
    public List<string> FoodAllergens { get; set; } = [];

    [BindProperty]
    public List<string> FoodLabels { get; set; } = [];

    [BindProperty]
    public string? FoodOrigin { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The photo picked on a phone (camera or gallery) or a computer; the Catalog checks and rewrites it.</summary>
    [BindProperty]
    public IFormFile? PhotoFile { get; set; }

    public string ProductUrl => $"{BackOfficeUrl}/products/{Product.Id}";

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.UpdateProductAsync(Token, Tenant, shop, product, Form.ToDetails(), cancellationToken);
        return Done(result, ProductForm.ErrorFields("Form"), "Shops.Product.Saved");
    }

    public async Task<IActionResult> OnPostPriceAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (ShopFormat.ParseMinor(NewPrice) is not { } minor)
        {
            ModelState.AddModelError(nameof(NewPrice), Texts["Shops.Product.PriceInvalid"]);
            return Page();
        }

        var result = await Api.ChangePriceAsync(Token, Tenant, shop, product, new Money(minor, Product.Price.Currency), cancellationToken);
        return Done(result, new Dictionary<string, string> { ["price"] = nameof(NewPrice), ["price.minor"] = nameof(NewPrice), ["price.currency"] = nameof(NewPrice) }, "Shops.Product.PriceChanged");
    }

    public async Task<IActionResult> OnPostStockAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Quantity is not { } quantity || quantity == 0 || !Reasons.Contains(Reason))
        {
            ModelState.AddModelError(nameof(Quantity), Texts["Shops.Stock.QuantityInvalid"]);
            return Page();
        }

        // People count what they sold as a positive number: the sign is the reason's.
        var change = Reason == "sale-in-shop" ? -Math.Abs(quantity) : Reason == "restock" ? Math.Abs(quantity) : quantity;
        var result = await Api.AdjustStockAsync(Token, Tenant, shop, product, new StockAdjustment(change, Reason, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()), cancellationToken);
        if (result.Status == System.Net.HttpStatusCode.Conflict)
        {
            // The reason that applies: more than there is on hand, or units that checkouts hold.
            ModelState.AddModelError(nameof(Quantity), Texts[result.Code == "stock.not_enough" ? "Code.stock.not_enough" : "Shops.Stock.BelowReserved"]);
            return Page();
        }

        return Done(result, new Dictionary<string, string> { ["quantity"] = nameof(Quantity), ["reason"] = nameof(Reason), ["note"] = nameof(Note) }, "Shops.Stock.Adjusted");
    }

    public async Task<IActionResult> OnPostCountAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        _counting = true;
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (CountedOnHand is not { } onHand || onHand < 0)
        {
            ModelState.AddModelError(nameof(CountedOnHand), Texts["Shops.Count.OnHandInvalid"]);
            return Page();
        }

        var result = await Api.CountStockAsync(Token, Tenant, shop, product, new StockCount(onHand, string.IsNullOrWhiteSpace(CountNote) ? null : CountNote.Trim()), cancellationToken);
        if (result.Status == System.Net.HttpStatusCode.Conflict && result.Code == "stock.below_reserved")
        {
            ModelState.AddModelError(nameof(CountedOnHand), Texts["Shops.Stock.BelowReserved"]);
            return Page();
        }

        return Done(result, new Dictionary<string, string> { ["onHand"] = nameof(CountedOnHand), ["note"] = nameof(CountNote) }, "Shops.Count.Counted");
    }

    public async Task<IActionResult> OnPostFoodAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        _food = true;
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        NetQuantityRequest? quantity = null;
        if (!string.IsNullOrWhiteSpace(FoodAmount))
        {
            if (!decimal.TryParse(FoodAmount.Trim().Replace('.', CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator[0]), NumberStyles.Number, CultureInfo.CurrentCulture, out var amount))
            {
                ModelState.AddModelError(nameof(FoodAmount), Texts["Code.food.quantity"]);
                return Page();
            }

            quantity = new NetQuantityRequest(amount, FoodUnit);
        }

        var request = new FoodInformationRequest(FoodSoldBy, quantity, FoodAllergens, FoodLabels, string.IsNullOrWhiteSpace(FoodOrigin) ? null : FoodOrigin.Trim());
        var result = await Api.SetFoodInformationAsync(Token, Tenant, shop, product, request, cancellationToken);
        return Done(
            result,
            new Dictionary<string, string>
            {
                ["soldBy"] = nameof(FoodSoldBy),
                ["netQuantity"] = nameof(FoodAmount),
                ["netQuantity.amount"] = nameof(FoodAmount),
                ["netQuantity.unit"] = nameof(FoodUnit),
                ["allergens"] = nameof(FoodAllergens),
                ["labels"] = nameof(FoodLabels),
                ["origin"] = nameof(FoodOrigin),
            },
            "Shops.Food.Saved");
    }

    public async Task<IActionResult> OnPostArchiveAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        return Done(await Api.ArchiveProductAsync(Token, Tenant, shop, product, cancellationToken), new Dictionary<string, string>(), "Shops.Product.ArchivedNotice");
    }

    public async Task<IActionResult> OnPostReactivateAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        return Done(await Api.ReactivateProductAsync(Token, Tenant, shop, product, cancellationToken), new Dictionary<string, string>(), "Shops.Product.ReactivatedNotice");
    }

    public async Task<IActionResult> OnPostPhotoAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (PhotoFile is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(PhotoFile), Texts["Code.photo.no_file"]);
            return Page();
        }

        await using var file = PhotoFile.OpenReadStream();
        var result = await Api.UploadProductPhotoAsync(Token, Tenant, shop, product, file, PhotoFile.FileName, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, new Dictionary<string, string> { ["file"] = nameof(PhotoFile) });
            return Page();
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts["Shops.Photo.Uploaded"], Product.Name.In(CultureInfo.CurrentUICulture));
        return LocalRedirect(ProductUrl);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, product, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.RemoveProductPhotoAsync(Token, Tenant, shop, product, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts["Shops.Photo.Removed"], Product.Name.In(CultureInfo.CurrentUICulture));
        return LocalRedirect(ProductUrl);
    }

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, Guid product, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var found = await Api.GetShopProductAsync(Token, Tenant, shop, product, cancellationToken);
        if (Refused(found) is { } refused)
        {
            return refused;
        }

        Product = Required(found);

        // The page has several forms: those not posted show the product as it is.
        if (Form.NameFr is null && Form.NameEn is null && Form.Category is null)
        {
            Form = ProductForm.From(Product, CultureInfo.CurrentCulture);
        }

        NewPrice ??= ShopFormat.Amount(Product.Price, CultureInfo.CurrentCulture);
        if (!_food && Product.Food is { } food)
        {
            FoodSoldBy = food.SoldBy;
            FoodAmount = food.NetQuantity?.Amount.ToString("0.###", CultureInfo.CurrentCulture);
            FoodUnit = food.NetQuantity?.Unit ?? FoodUnit;
            FoodAllergens = [.. food.Allergens];
            FoodLabels = [.. food.Labels];
            FoodOrigin = food.Origin;
        }

        if (!_counting)
        {
            CountedOnHand = Product.Stock.OnHand; // a count posted keeps what was typed, even when it was nothing
        }

        return null;
    }

    /// <summary>Back to the product with a notice on success; else the page with the errors by its fields.</summary>
    private IActionResult Done(ApiResult<Product> result, Dictionary<string, string> fields, string notice)
    {
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, fields);
            return Page();
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts[notice], result.Value!.Name.In(CultureInfo.CurrentUICulture));
        return LocalRedirect(ProductUrl);
    }
}
