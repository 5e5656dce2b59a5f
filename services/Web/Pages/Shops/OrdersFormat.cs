using System.Globalization;
using Marketplace.Web.Api.Ordering;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>Orders as the back office and the admins' list word them: times in Paris (where the shops are), lines, addresses (slots: <see cref="Storefront.OrderFormat.Slot"/>).</summary>
public static class OrdersFormat
{
    /// <summary>"mardi 8 décembre 10:00" / "Tuesday 8 December 10:00", Paris time.</summary>
    public static string When(DateTimeOffset at, CultureInfo culture) => Storefront.OrderFormat.Local(at).ToString("dddd d MMMM HH:mm", culture);

    /// <summary>How long is left, in hours and minutes ("3 h 05 min"); "0 min" once passed.</summary>
    public static string Left(TimeSpan left, IStringLocalizer texts)
    {
        var minutes = Math.Max(0, (int)Math.Ceiling(left.TotalMinutes));
        return minutes >= 60
            ? string.Format(CultureInfo.CurrentCulture, texts["ShopOrders.HoursMinutes"], minutes / 60, minutes % 60)
            : string.Format(CultureInfo.CurrentCulture, texts["ShopOrders.Minutes"], minutes);
    }

    /// <summary>The product's name in the reader's language, else the other.</summary>
    public static string Name(ShopOrderLine line, CultureInfo culture) =>
        (culture.TwoLetterISOLanguageName == "en" ? line.NameEn ?? line.NameFr : line.NameFr ?? line.NameEn) ?? line.ProductId.ToString();

    public static string Address(ShopOrderAddress a) =>
        string.Join(", ", new[] { a.Line1, a.Line2, $"{a.Postcode} {a.City}", a.Country == "FR" ? null : a.Country }.Where(part => !string.IsNullOrWhiteSpace(part)));

    /// <summary>The text of a sub-order's status; handed over says collected or delivered.</summary>
    public static string PartStatus(ShopOrderPart part, IStringLocalizer texts) => part.Status switch
    {
        "handed-over" => texts[part.Fulfilment.IsDelivery ? "ShopOrders.Status.delivered" : "ShopOrders.Status.collected"],
        "withdrawn" when part.Reason is { } reason && texts["ShopOrders.Withdrawn." + reason] is { ResourceNotFound: false } why => why,
        var status => texts["ShopOrders.Status." + status] is { ResourceNotFound: false } known ? known : status,
    };

    /// <summary>The badge's colour: waiting for someone, or settled.</summary>
    public static string Badge(string status) => status is "awaiting-shop" or "placed" or "awaiting-shops" or "awaiting-payment" or "awaiting-stock" or "capturing" ? "badge-wait" : "badge-ok";
}
