using System.Globalization;
using Marketplace.Contracts;

namespace Marketplace.Web.Pages.Shops;

/// <summary>Money and rates as the back office shows and reads them, in the user's culture.</summary>
public static class ShopFormat
{
    public static readonly IReadOnlyList<int> VatRates = [2000, 1000, 550, 210];

    public static readonly IReadOnlyList<string> Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>12,50 € in fr-FR; the currency's own sign whatever the culture's (en-GB would say £).</summary>
    public static string Price(Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = money.Currency switch
        {
            "EUR" => "€",
            "GBP" => "£",
            "CHF" => "CHF",
            _ => money.Currency,
        };
        return (money.Minor / 100m).ToString("C", format);
    }

    /// <summary>A price as typed for the form (12,50 in French, 12.50 in English), without the sign.</summary>
    public static string Amount(Money money, CultureInfo culture) => (money.Minor / 100m).ToString("0.00", culture);

    /// <summary>20 %, 5,5 % (French, a no-break space before the sign) or 5.5% (English): the culture's percent pattern, without trailing zeros.</summary>
    public static string Vat(int basisPoints, CultureInfo culture)
    {
        var number = (basisPoints / 100m).ToString("0.##", culture);
        var sign = culture.NumberFormat.PercentSymbol;
        return culture.NumberFormat.PercentPositivePattern switch
        {
            0 => number + "\u00A0" + sign,
            2 => sign + number,
            3 => sign + "\u00A0" + number,
            _ => number + sign,
        };
    }

    /// <summary>
    /// Minor units from what a person typed: "12,50", "12.50", "1 234,5", "12" (either decimal mark, as
    /// people paste from spreadsheets in either convention); null when it is not an amount with at most 2 decimals.
    /// </summary>
    public static long? ParseMinor(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '€')]);
        var mark = Math.Max(text.LastIndexOf(','), text.LastIndexOf('.'));
        if (mark >= 0)
        {
            var whole = text[..mark].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            text = whole + "." + text[(mark + 1)..];
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, 2) != amount)
        {
            return null;
        }

        return (long)(amount * 100);
    }
}
