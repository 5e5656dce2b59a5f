using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>Its owners (and the co-op's admins) change what the shop tells customers: name, story, address, hours (a lunch closing too), pickup and delivery, contact.</summary>
public sealed class EditModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    [BindProperty]
    public ShopForm Form { get; set; } = ShopForm.Blank();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        Form = ShopForm.From(Shop);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        Form.Hours = Form.WeekHours();
        Form.SplitPastedCoordinates();
        if (Form.BadCoordinates().ToList() is { Count: > 0 } notNumbers)
        {
            notNumbers.ForEach(field => ModelState.AddModelError(field, Texts["Shops.Register.CoordinateInvalid"]));
            return Page();
        }

        var result = await Api.ChangeShopDetailsAsync(Token, Tenant, shop, Form.ToRegistration(), cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, Form.ErrorFields());
            return Page();
        }

        Notice = Texts["Shops.Edit.Saved"];
        return LocalRedirect($"{BackOfficeUrl}/details");
    }
}
