using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>How the storefront writes prices, VAT rates, stock, days and hours in the page's culture.</summary>
public static class StorefrontFormat
{
    /// <summary>At or below this many units left, a product says how many ("Plus que 2").</summary>
    public const int LowStock = 5;

    private static readonly string[] WeekDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>
    /// An amount in the culture's number format with the amount's own currency sign: en-GB's currency format
    /// would otherwise write euros with "£". fr-FR gives the same text as <c>value.ToString("C", fr-FR)</c>.
    /// </summary>
    public static string Price(Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        var digits = MinorDigits(money.Currency);
        format.CurrencySymbol = Symbol(money.Currency);
        format.CurrencyDecimalDigits = digits;
        var amount = money.Minor / (decimal)Math.Pow(10, digits);
        return amount.ToString("C", format);
    }

    /// <summary>A VAT rate in basis points as the culture writes a percentage, with only the decimals it has: "5,5 %", "20 %", "2.1%".</summary>
    public static string VatRate(int basisPoints, CultureInfo culture)
    {
        var decimals = basisPoints % 100 == 0 ? 0 : basisPoints % 10 == 0 ? 1 : 2;
        return (basisPoints / 10_000m).ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), culture);
    }

    /// <summary>"En stock", "Plus que 2" or "Épuisé", and a CSS class for each.</summary>
    public static (string Text, string Css) Availability(int available, IStringLocalizer texts) => available switch
    {
        <= 0 => (texts["Storefront.SoldOut"], "stock-out"),
        <= LowStock => (string.Format(CultureInfo.CurrentCulture, texts["Storefront.OnlyLeft"], available), "stock-low"),
        _ => (texts["Storefront.InStock"], "stock-in"),
    };

    /// <summary>The week's days in the culture's order (Monday first in France and Britain), as the API names them.</summary>
    public static IReadOnlyList<string> Week(CultureInfo culture) =>
        [.. Enumerable.Range(0, 7).Select(offset => WeekDays[((int)culture.DateTimeFormat.FirstDayOfWeek + offset) % 7])];

    /// <summary>"lundi" → "Lundi", "monday" → "Monday": the day's name in the culture, capitalised as a label.</summary>
    public static string DayName(string day, CultureInfo culture)
    {
        var index = Array.IndexOf(WeekDays, day);
        if (index < 0)
        {
            return day;
        }

        var name = culture.DateTimeFormat.GetDayName((DayOfWeek)index);
        return name.Length == 0 ? name : char.ToUpper(name[0], culture) + name[1..];
    }

    /// <summary>"09:00" in the culture's short time format; the text as given when it is not a time.</summary>
    public static string Time(string time, CultureInfo culture) =>
        TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToString("t", culture)
            : time;

    /// <summary>The shop's opening periods of one day in time order, e.g. ["09:00 – 12:30", "14:00 – 19:00"]; none when closed.</summary>
    public static IReadOnlyList<string> Hours(IEnumerable<OpeningPeriod>? periods, string day, CultureInfo culture) =>
        [.. (periods ?? [])
            .Where(period => string.Equals(period.Day, day, StringComparison.OrdinalIgnoreCase))
            .OrderBy(period => period.Opens, StringComparer.Ordinal)
            .Select(period => $"{Time(period.Opens, culture)} – {Time(period.Closes, culture)}")];

    /// <summary>One line for the address, e.g. "3 rue des Halles, 69001 Lyon".</summary>
    public static string AddressLine(ShopAddress address) =>
        string.Join(", ", new[] { address.Line1, address.Line2, $"{address.Postcode} {address.City}".Trim() }.Where(part => !string.IsNullOrWhiteSpace(part)));

    /// <summary>OpenStreetMap's search for the address: no key, no tracking script, works for every address.</summary>
    public static string OpenStreetMapUrl(ShopAddress address) =>
        "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(AddressLine(address));

    private static int MinorDigits(string currency) => currency switch
    {
        "JPY" or "KRW" or "ISK" or "CLP" or "VND" or "XOF" or "XAF" or "XPF" => 0,
        _ => 2,
    };

    private static string Symbol(string currency) => currency switch
    {
        "EUR" => "€",
        "GBP" => "£",
        "USD" => "$",
        _ => currency,
    };
}
