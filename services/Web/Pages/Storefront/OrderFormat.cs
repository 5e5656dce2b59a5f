using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Ordering;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>A pickup slot offered at checkout: its value in the form (start and end, UTC) and the words for it.</summary>
public sealed record PickupSlot(DateTimeOffset Start, DateTimeOffset End)
{
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}/{End.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    public static PickupSlot? Parse(string? value)
    {
        var parts = value?.Split('/') ?? [];
        return parts.Length == 2
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end)
            && end > start
                ? new PickupSlot(start, end)
                : null;
    }
}

/// <summary>How the order pages write times (in the cooperative's zone, Europe/Paris), slots, statuses and history.</summary>
public static class OrderFormat
{
    /// <summary>The zone Ordering reads opening hours in (ADR 33: one zone for every cooperative for now).</summary>
    public static TimeZoneInfo Zone => CooperativeTime.Zone;

    /// <summary>How long a pickup slot lasts (a shorter opening period is one slot).</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromHours(1);

    /// <summary>How soon the first slot may start: the shop needs time to prepare.</summary>
    public static readonly TimeSpan PrepareFor = TimeSpan.FromHours(1);

    public const int SlotsOffered = 16;

    private static readonly string[] WeekDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>
    /// The next pickup slots inside the shop's opening hours over the coming two weeks, as Ordering checks them
    /// (Checkout.InOpeningHours: within one period of the day, read in Europe/Paris), starting an hour from now at the earliest,
    /// none on a day the shop's closures close it (Ordering refuses those too).
    /// </summary>
    public static IReadOnlyList<PickupSlot> NextSlots(IReadOnlyList<OpeningPeriod>? hours, DateTimeOffset now, IReadOnlyList<ShopClosure>? closures = null)
    {
        var slots = new List<PickupSlot>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        for (var offset = 0; offset < 14 && slots.Count < SlotsOffered; offset++)
        {
            var day = today.AddDays(offset);
            if ((closures ?? []).Any(c => c.From <= day && day <= c.To))
            {
                continue;
            }

            var name = WeekDays[(int)day.DayOfWeek];
            foreach (var period in (hours ?? []).Where(p => p.Day == name).OrderBy(p => p.Opens, StringComparer.Ordinal))
            {
                if (!TimeOnly.TryParseExact(period.Opens, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                    || !TimeOnly.TryParseExact(period.Closes, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
                    || closes <= opens)
                {
                    continue;
                }

                for (var start = day.ToDateTime(opens); start < day.ToDateTime(closes); start += SlotLength)
                {
                    var end = start + SlotLength <= day.ToDateTime(closes) ? start + SlotLength : day.ToDateTime(closes);
                    var slot = new PickupSlot(At(start), At(end));
                    if (slot.Start >= now + PrepareFor && slots.Count < SlotsOffered)
                    {
                        slots.Add(slot);
                    }
                }
            }
        }

        return slots;
    }

    /// <summary>A pickup slot, on the customer's and the shop's pages alike: "Mardi 8 décembre, 09:00–10:00" in the page's culture, Paris time.</summary>
    public static string Slot(DateTimeOffset start, DateTimeOffset end, CultureInfo culture) =>
        Local(start).Date == Local(end).Date
            ? $"{Day(start, culture)}, {Local(start).ToString("t", culture)}–{Local(end).ToString("t", culture)}"
            : $"{Day(start, culture)}, {Local(start).ToString("t", culture)} – {Day(end, culture)}, {Local(end).ToString("t", culture)}";

    /// <summary>"mardi 8 décembre 2026 à 09:05" / "Tuesday 8 December 2026 at 09:05" (Paris time).</summary>
    public static string Moment(DateTimeOffset at, CultureInfo culture, IStringLocalizer texts) =>
        string.Format(culture, texts["Order.At"], Local(at).ToString("D", culture), Local(at).ToString("t", culture));

    /// <summary>The text for a status or reason from its key family ("Order.Status." + "awaiting-payment"), else the value itself.</summary>
    public static string Words(IStringLocalizer texts, string family, string? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = texts[family + value];
        return text.ResourceNotFound ? value : text.Value;
    }

    /// <summary>The line's name in the page's language, else in the other.</summary>
    public static string NameOf(OrderLine line, string lang) => (lang == "en" ? line.NameEn ?? line.NameFr : line.NameFr ?? line.NameEn) ?? "";

    public static string AddressLine(DeliveryAddress address) =>
        string.Join(", ", new[] { address.Line1, address.Line2, $"{address.Postcode} {address.City}".Trim() }.Where(part => !string.IsNullOrWhiteSpace(part)));

    private static string Day(DateTimeOffset at, CultureInfo culture)
    {
        var text = Local(at).ToString("dddd d MMMM", culture);
        return text.Length == 0 ? text : char.ToUpper(text[0], culture) + text[1..];
    }

    public static DateTime Local(DateTimeOffset at) => CooperativeTime.Local(at);

    private static DateTimeOffset At(DateTime local) => new(local, Zone.GetUtcOffset(local));
}
