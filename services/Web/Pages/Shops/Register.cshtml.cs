using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>A member registers a shop: who it is, where, when it opens, how customers get their goods, how to reach it. An admin then approves it.</summary>
public sealed class RegisterModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    [BindProperty]
    public ShopForm Form { get; set; } = ShopForm.Blank();

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await OpenAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        Form.Hours = ShopForm.Blank().Hours.Select(blank => Form.Hours.FirstOrDefault(day => day.Day == blank.Day) ?? blank).ToList();
        var result = await Api.RegisterShopAsync(Token, Tenant, Form.ToRegistration(), cancellationToken);
        if (result.Status == System.Net.HttpStatusCode.Forbidden && result.Code != "account.email_unconfirmed")
        {
            ModelState.AddModelError("", Texts["Shops.Mine.NotMember"]);
            return Page();
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, Form.ErrorFields());
            return Page();
        }

        TempData["Registered"] = result.Value!.Name;
        return LocalRedirect(WebAddresses.Cooperative(Slug, "back-office"));
    }
}

/// <summary>The register form: one opening period per weekday (both times empty: closed that day).</summary>
public sealed class ShopForm
{
    public string? Name { get; set; }

    public string? DescriptionFr { get; set; }

    public string? DescriptionEn { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? Postcode { get; set; }

    public string? City { get; set; }

    public List<DayHours> Hours { get; set; } = [];

    public bool Pickup { get; set; } = true;

    public bool Delivery { get; set; }

    public string? DeliveryNoteFr { get; set; }

    public string? DeliveryNoteEn { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; }

    public static ShopForm Blank() => new() { Hours = [.. ShopFormat.Days.Select(day => new DayHours { Day = day })] };

    /// <summary>The open days in weekday order (the API's openingHours[i] is the i-th of them).</summary>
    private List<DayHours> OpenDays => [.. Hours.Where(day => !string.IsNullOrWhiteSpace(day.Opens) || !string.IsNullOrWhiteSpace(day.Closes))];

    public ShopRegistration ToRegistration() => new(
        Name?.Trim() ?? "",
        Text(DescriptionFr, DescriptionEn),
        new ShopAddress(Line1?.Trim() ?? "", string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), Postcode?.Trim() ?? "", City?.Trim() ?? ""),
        [.. OpenDays.Select(day => new OpeningPeriod(day.Day, day.Opens?.Trim() ?? "", day.Closes?.Trim() ?? ""))],
        new Fulfilment(Pickup, Delivery, Delivery ? Text(DeliveryNoteFr, DeliveryNoteEn) : null),
        new ShopContact(Email?.Trim() ?? "", string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), string.IsNullOrWhiteSpace(Website) ? null : Website.Trim()));

    /// <summary>The API's error keys → the form's fields.</summary>
    public Dictionary<string, string> ErrorFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = "Form.Name",
            ["description.fr"] = "Form.DescriptionFr",
            ["description.en"] = "Form.DescriptionEn",
            ["address.line1"] = "Form.Line1",
            ["address.line2"] = "Form.Line2",
            ["address.postcode"] = "Form.Postcode",
            ["address.city"] = "Form.City",
            ["openingHours"] = "Form.Hours",
            ["fulfilment"] = "Form.Pickup",
            ["fulfilment.deliveryNote.fr"] = "Form.DeliveryNoteFr",
            ["fulfilment.deliveryNote.en"] = "Form.DeliveryNoteEn",
            ["contact.email"] = "Form.Email",
            ["contact.phone"] = "Form.Phone",
            ["contact.website"] = "Form.Website",
        };
        var open = OpenDays;
        for (var i = 0; i < open.Count; i++)
        {
            var index = Hours.IndexOf(open[i]);
            fields[$"openingHours[{i}].day"] = $"Form.Hours[{index}].Opens";
            fields[$"openingHours[{i}].opens"] = $"Form.Hours[{index}].Opens";
            fields[$"openingHours[{i}].closes"] = $"Form.Hours[{index}].Closes";
        }

        return fields;
    }

    private static LocalizedText? Text(string? fr, string? en) =>
        string.IsNullOrWhiteSpace(fr) && string.IsNullOrWhiteSpace(en) ? null : new LocalizedText(fr?.Trim(), en?.Trim());
}

public sealed class DayHours
{
    public string Day { get; set; } = "";

    public string? Opens { get; set; }

    public string? Closes { get; set; }
}
