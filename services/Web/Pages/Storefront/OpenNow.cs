using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// Whether a shop is open at an instant, read on the wall clock of the cooperative's time zone (so a DST change day
/// needs nothing special): open until when, or closed until when, and whether a closure (holidays) is why.
/// <see cref="Closure"/> is the closure the shop is in, when it is in one.
/// </summary>
public sealed record OpeningState(bool IsOpen, DateTime? ClosesAt, DateTime? OpensAt, ShopClosure? Closure);

/// <summary>"Open now" from the weekly hours and the closures: pure, the page gives it the instant (its TimeProvider) and the zone.</summary>
public static class OpenNow
{
    /// <summary>How far ahead the next opening is looked for (a long closure included).</summary>
    public const int LookAheadDays = 400;

    private static readonly string[] WeekDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The shop's state at <paramref name="now"/>; null when it gives no (usable) hours: then nothing is shown.</summary>
    public static OpeningState? At(IEnumerable<OpeningPeriod>? hours, IEnumerable<ShopClosure>? closures, DateTimeOffset now, TimeZoneInfo zone)
    {
        var periods = (hours ?? [])
            .Select(period => (Day: Array.IndexOf(WeekDays, period.Day?.ToLowerInvariant()), Opens: Time(period.Opens), Closes: Time(period.Closes)))
            .Where(period => period.Day >= 0 && period.Opens is not null && period.Closes is not null && period.Opens < period.Closes)
            .Select(period => (period.Day, Opens: period.Opens!.Value, Closes: period.Closes!.Value))
            .OrderBy(period => period.Opens)
            .ToList();
        if (periods.Count == 0)
        {
            return null;
        }

        var closed = (closures ?? []).ToList();
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        ShopClosure? ClosureOn(DateOnly day) => closed.FirstOrDefault(c => c.From <= day && day <= c.To);

        var closure = ClosureOn(today);
        var weekday = (int)today.DayOfWeek;
        if (closure is null && periods.Where(p => p.Day == weekday && p.Opens <= time && time < p.Closes).Select(p => (TimeOnly?)p.Closes).FirstOrDefault() is { } closes)
        {
            // A period that starts when this one ends (09:00–12:00, 12:00–19:00) keeps the shop open.
            while (periods.Where(p => p.Day == weekday && p.Opens <= closes && p.Closes > closes).Select(p => (TimeOnly?)p.Closes).FirstOrDefault() is { } later)
            {
                closes = later;
            }

            return new OpeningState(true, today.ToDateTime(closes), null, null);
        }

        for (var offset = 0; offset <= LookAheadDays; offset++)
        {
            var day = today.AddDays(offset);
            if (ClosureOn(day) is not null)
            {
                continue;
            }

            var next = periods.Where(p => p.Day == (int)day.DayOfWeek && (offset > 0 || p.Opens > time)).Select(p => (TimeOnly?)p.Opens).FirstOrDefault();
            if (next is { } opens)
            {
                return new OpeningState(false, null, day.ToDateTime(opens), closure);
            }
        }

        return new OpeningState(false, null, null, closure);
    }

    /// <summary>
    /// "Ouvert · ferme à 19:30", "Fermé · ouvre lundi à 08:00", "Fermé (congés) · rouvre le 03/01" in the culture;
    /// null when there is nothing to say.
    /// </summary>
    public static string? Describe(OpeningState? state, DateTimeOffset now, TimeZoneInfo zone, CultureInfo culture, IStringLocalizer texts)
    {
        if (state is null)
        {
            return null;
        }

        if (state.IsOpen)
        {
            return string.Format(culture, texts["OpenNow.OpenUntil"], state.ClosesAt!.Value.ToString("t", culture));
        }

        if (state.OpensAt is not { } opens)
        {
            return texts["OpenNow.Closed"];
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = DateOnly.FromDateTime(opens);
        var at = opens.ToString("t", culture);
        if (state.Closure is not null)
        {
            return string.Format(culture, texts["OpenNow.ClosedForClosure"], opens.ToString(texts["OpenNow.DateFormat"], culture), at);
        }

        return day == today ? string.Format(culture, texts["OpenNow.OpensToday"], at)
            : day == today.AddDays(1) ? string.Format(culture, texts["OpenNow.OpensTomorrow"], at)
            : day < today.AddDays(7) ? string.Format(culture, texts["OpenNow.OpensOn"], culture.DateTimeFormat.GetDayName(opens.DayOfWeek), at)
            : string.Format(culture, texts["OpenNow.OpensOnDate"], opens.ToString(texts["OpenNow.DateFormat"], culture), at);
    }

    /// <summary>What a shop's page or card says of it now (its TimeProvider's now, in the cooperative's zone); null when it gives no hours.</summary>
    public static string? Describe(Shop shop, TimeProvider clock, CultureInfo culture, IStringLocalizer texts)
    {
        var now = clock.GetUtcNow();
        return Describe(At(shop.OpeningHours, shop.Closures, now, CooperativeTime.Zone), now, CooperativeTime.Zone, culture, texts);
    }

    /// <summary>The closures that have not ended and start within <paramref name="days"/> days, first first.</summary>
    public static IReadOnlyList<ShopClosure> Upcoming(IEnumerable<ShopClosure>? closures, TimeProvider clock, int days)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), CooperativeTime.Zone).DateTime);
        return [.. (closures ?? []).Where(c => c.To >= today && c.From <= today.AddDays(days)).OrderBy(c => c.From)];
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
}
