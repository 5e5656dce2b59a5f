using System.Globalization;
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

        Form.Hours = Form.WeekHours();
        Form.SplitPastedCoordinates();
        if (Form.BadCoordinates().ToList() is { Count: > 0 } notNumbers)
        {
            notNumbers.ForEach(field => ModelState.AddModelError(field, Texts["Shops.Register.CoordinateInvalid"]));
            return Page();
        }

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

/// <summary>The register and edit form: up to two opening periods per weekday, for a lunch closing (all times empty: closed that day).</summary>
public sealed partial class ShopForm
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

    /// <summary>Where the shop is on a map, as typed: "48.8566" or, in French, "48,8566" (ADR 49).</summary>
    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public static ShopForm Blank() => new() { Hours = [.. ShopFormat.Days.Select(day => new DayHours { Day = day })] };

    /// <summary>The form as the shop is now: its first two periods of each day in time order.</summary>
    public static ShopForm From(Shop shop)
    {
        var form = Blank();
        foreach (var day in form.Hours)
        {
            var periods = (shop.OpeningHours ?? []).Where(p => p.Day == day.Day).OrderBy(p => p.Opens, StringComparer.Ordinal).ToList();
            (day.Opens, day.Closes) = periods.Count > 0 ? (periods[0].Opens, periods[0].Closes) : (null, null);
            (day.Opens2, day.Closes2) = periods.Count > 1 ? (periods[1].Opens, periods[1].Closes) : (null, null);
            day.Extra = periods.Count > 2 ? string.Join(",", periods.Skip(2).Select(p => $"{p.Opens}-{p.Closes}")) : null;
        }

        form.Name = shop.Name;
        form.DescriptionFr = shop.Description?.Fr;
        form.DescriptionEn = shop.Description?.En;
        (form.Line1, form.Line2, form.Postcode, form.City) = shop.Address is { } a ? (a.Line1, a.Line2, a.Postcode, a.City) : (null, null, null, null);
        form.Pickup = shop.Fulfilment?.Pickup ?? true;
        form.Delivery = shop.Fulfilment?.Delivery ?? false;
        form.DeliveryNoteFr = shop.Fulfilment?.DeliveryNote?.Fr;
        form.DeliveryNoteEn = shop.Fulfilment?.DeliveryNote?.En;
        (form.Email, form.Phone, form.Website) = shop.Contact is { } c ? (c.Email, c.Phone, c.Website) : (null, null, null);
        form.Latitude = shop.Latitude?.ToString(CultureInfo.InvariantCulture);
        form.Longitude = shop.Longitude?.ToString(CultureInfo.InvariantCulture);
        return form;
    }

    /// <summary>The posted days in weekday order, a blank one for a day the post left out.</summary>
    public List<DayHours> WeekHours() => [.. Blank().Hours.Select(blank => Hours.FirstOrDefault(day => day.Day == blank.Day) ?? blank)];

    /// <summary>The filled periods in weekday order, each with its form fields (the API's openingHours[i] is the i-th of them).</summary>
    private List<(OpeningPeriod Period, string Opens, string Closes)> Periods()
    {
        var periods = new List<(OpeningPeriod, string, string)>();
        for (var i = 0; i < Hours.Count; i++)
        {
            var day = Hours[i];
            if (!string.IsNullOrWhiteSpace(day.Opens) || !string.IsNullOrWhiteSpace(day.Closes))
            {
                periods.Add((new OpeningPeriod(day.Day, day.Opens?.Trim() ?? "", day.Closes?.Trim() ?? ""), $"Form.Hours[{i}].Opens", $"Form.Hours[{i}].Closes"));
            }

            if (!string.IsNullOrWhiteSpace(day.Opens2) || !string.IsNullOrWhiteSpace(day.Closes2))
            {
                periods.Add((new OpeningPeriod(day.Day, day.Opens2?.Trim() ?? "", day.Closes2?.Trim() ?? ""), $"Form.Hours[{i}].Opens2", $"Form.Hours[{i}].Closes2"));
            }

            // Periods beyond the form's two (given through the API), kept as they were: saving the form does not drop them.
            foreach (var extra in (day.Extra ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var times = extra.Split('-', 2, StringSplitOptions.TrimEntries);
                periods.Add((new OpeningPeriod(day.Day, times[0], times.Length > 1 ? times[1] : ""), $"Form.Hours[{i}].Opens2", $"Form.Hours[{i}].Closes2"));
            }
        }

        return periods;
    }

    /// <summary>
    /// A typed coordinate: empty is none; a dot or a comma before the decimals (French), spaces around; null when it is
    /// not a number at all (the form says so before asking the API).
    /// </summary>
    public static (bool Valid, decimal? Value) ParseCoordinate(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (true, null);
        }

        var text = typed.Trim().Replace('\u2212', '-').Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (true, value)
            : (false, null);
    }

    /// <summary>
    /// Both coordinates pasted together into the latitude field ("48.86892, 2.33111", as OpenStreetMap shows them, or
    /// "48,86892; 2,33111") and the longitude left empty: split into the two fields.
    /// </summary>
    public void SplitPastedCoordinates()
    {
        if (string.IsNullOrWhiteSpace(Longitude) && Latitude is { } typed && PastedPair().Match(typed) is { Success: true } pair)
        {
            (Latitude, Longitude) = (pair.Groups["lat"].Value, pair.Groups["lon"].Value);
        }
    }

    /// <summary>The coordinate fields that are not numbers, to say so on the form.</summary>
    public IEnumerable<string> BadCoordinates()
    {
        if (!ParseCoordinate(Latitude).Valid)
        {
            yield return "Form.Latitude";
        }

        if (!ParseCoordinate(Longitude).Valid)
        {
            yield return "Form.Longitude";
        }
    }

    public ShopRegistration ToRegistration() => new(
        Name?.Trim() ?? "",
        Text(DescriptionFr, DescriptionEn),
        new ShopAddress(Line1?.Trim() ?? "", string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), Postcode?.Trim() ?? "", City?.Trim() ?? ""),
        [.. Periods().Select(p => p.Period)],
        new Fulfilment(Pickup, Delivery, Delivery ? Text(DeliveryNoteFr, DeliveryNoteEn) : null),
        new ShopContact(Email?.Trim() ?? "", string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), string.IsNullOrWhiteSpace(Website) ? null : Website.Trim()),
        ParseCoordinate(Latitude).Value,
        ParseCoordinate(Longitude).Value);

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
            ["latitude"] = "Form.Latitude",
            ["longitude"] = "Form.Longitude",
        };
        var periods = Periods();
        for (var i = 0; i < periods.Count; i++)
        {
            fields[$"openingHours[{i}]"] = periods[i].Opens;
            fields[$"openingHours[{i}].day"] = periods[i].Opens;
            fields[$"openingHours[{i}].opens"] = periods[i].Opens;
            fields[$"openingHours[{i}].closes"] = periods[i].Closes;
        }

        return fields;
    }

    private static LocalizedText? Text(string? fr, string? en) =>
        string.IsNullOrWhiteSpace(fr) && string.IsNullOrWhiteSpace(en) ? null : new LocalizedText(fr?.Trim(), en?.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"\A\s*(?<lat>[-\u2212]?[0-9]+(?:[.,][0-9]+)?)\s*(?:[,;]\s*|\s+)(?<lon>[-\u2212]?[0-9]+(?:[.,][0-9]+)?)\s*\z")]
    private static partial System.Text.RegularExpressions.Regex PastedPair();
}

public sealed class DayHours
{
    public string Day { get; set; } = "";

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    /// <summary>The day's second period, after a lunch closing.</summary>
    public string? Opens2 { get; set; }

    public string? Closes2 { get; set; }

    /// <summary>The day's periods beyond the form's two ("HH:mm-HH:mm", comma separated), carried hidden so saving keeps them.</summary>
    public string? Extra { get; set; }
}
