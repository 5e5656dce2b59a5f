using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Pages.Storefront;
using Microsoft.Extensions.Localization;

namespace Marketplace.UnitTests.Web;

/// <summary>"Open now" from a shop's weekly hours and closures, read on the wall clock of Europe/Paris.</summary>
public class OpenNowTests
{
    private static readonly TimeZoneInfo Paris = CooperativeTime.Zone;

    /// <summary>A baker's week: 08:00–12:30 and 15:00–19:30 Tuesday to Saturday, Sunday morning, closed on Monday.</summary>
    private static readonly OpeningPeriod[] Baker =
    [
        .. new[] { "tuesday", "wednesday", "thursday", "friday", "saturday" }.SelectMany(day => new[] { new OpeningPeriod(day, "08:00", "12:30"), new OpeningPeriod(day, "15:00", "19:30") }),
        new OpeningPeriod("sunday", "08:00", "13:00"),
    ];

    /// <summary>An instant given as the wall clock in Paris.</summary>
    private static DateTimeOffset InParis(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [Fact]
    public void During_a_period_the_shop_is_open_until_its_end()
    {
        // Tuesday 1 December 2026, 10:00 in Paris
        var state = OpenNow.At(Baker, [], InParis(2026, 12, 1, 10, 0), Paris);

        Assert.NotNull(state);
        Assert.True(state.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 1, 12, 30, 0), state.ClosesAt);
    }

    [Fact]
    public void At_lunch_closing_it_is_closed_and_opens_again_in_the_afternoon()
    {
        var state = OpenNow.At(Baker, [], InParis(2026, 12, 1, 13, 15), Paris);

        Assert.NotNull(state);
        Assert.False(state.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 1, 15, 0, 0), state.OpensAt);
        Assert.Null(state.Closure);
    }

    [Fact]
    public void The_closing_minute_is_closed_and_the_opening_minute_open()
    {
        Assert.False(OpenNow.At(Baker, [], InParis(2026, 12, 1, 12, 30), Paris)!.IsOpen);
        Assert.True(OpenNow.At(Baker, [], InParis(2026, 12, 1, 15, 0), Paris)!.IsOpen);
    }

    [Fact]
    public void After_closing_on_Sunday_the_next_opening_is_across_the_closed_Monday()
    {
        // Sunday 6 December 2026 at 23:59, then Monday (closed all day)
        var sunday = OpenNow.At(Baker, [], InParis(2026, 12, 6, 23, 59), Paris)!;
        var monday = OpenNow.At(Baker, [], InParis(2026, 12, 7, 0, 0), Paris)!;

        Assert.False(sunday.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 8, 8, 0, 0), sunday.OpensAt);
        Assert.Equal(new DateTime(2026, 12, 8, 8, 0, 0), monday.OpensAt);
    }

    [Fact]
    public void The_day_is_the_day_in_Paris_not_in_UTC()
    {
        // Saturday 5 December 2026 at 23:30 UTC is already Sunday 00:30 in Paris: Sunday's hours apply, not Saturday's
        var state = OpenNow.At([new OpeningPeriod("saturday", "20:00", "23:59"), new OpeningPeriod("sunday", "08:00", "13:00")], [],
            new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero), Paris)!;

        Assert.False(state.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 6, 8, 0, 0), state.OpensAt);
    }

    [Fact]
    public void On_the_day_clocks_go_forward_the_wall_clock_decides()
    {
        // Sunday 28 March 2027: at 02:00 Paris moves from UTC+1 to UTC+2. At 07:30 UTC it is 09:30 in Paris (it would be
        // 08:30 with the winter offset): a shop open 09:00–13:00 is open.
        var hours = new[] { new OpeningPeriod("sunday", "09:00", "13:00") };

        var state = OpenNow.At(hours, [], new DateTimeOffset(2027, 3, 28, 7, 30, 0, TimeSpan.Zero), Paris)!;
        var before = OpenNow.At(hours, [], new DateTimeOffset(2027, 3, 28, 6, 30, 0, TimeSpan.Zero), Paris)!;

        Assert.True(state.IsOpen);
        Assert.Equal(new DateTime(2027, 3, 28, 13, 0, 0), state.ClosesAt);
        Assert.False(before.IsOpen);
        Assert.Equal(new DateTime(2027, 3, 28, 9, 0, 0), before.OpensAt);
    }

    [Fact]
    public void During_a_closure_the_shop_is_closed_and_reopens_on_the_first_open_day_after_it()
    {
        // Closed from Thursday 24 December 2026 to Saturday 2 January 2027; on 26 December at 10:00 (a Saturday, normally open)
        var holidays = new ShopClosure(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 2), new LocalizedText("Congés annuels", "Annual holidays"));

        var state = OpenNow.At(Baker, [holidays], InParis(2026, 12, 26, 10, 0), Paris)!;

        Assert.False(state.IsOpen);
        Assert.Equal(holidays, state.Closure);
        Assert.Equal(new DateTime(2027, 1, 3, 8, 0, 0), state.OpensAt); // Sunday 3 January, morning
    }

    [Fact]
    public void Before_a_closure_the_next_opening_skips_it()
    {
        // Wednesday 23 December 2026 after closing: Thursday to 2 January are closed
        var holidays = new ShopClosure(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 2), null);

        var state = OpenNow.At(Baker, [holidays], InParis(2026, 12, 23, 20, 0), Paris)!;

        Assert.False(state.IsOpen);
        Assert.Null(state.Closure); // not in the closure yet
        Assert.Equal(new DateTime(2027, 1, 3, 8, 0, 0), state.OpensAt);
    }

    [Fact]
    public void Periods_that_follow_each_other_keep_the_shop_open_until_the_last_one_ends()
    {
        var hours = new[] { new OpeningPeriod("tuesday", "09:00", "12:00"), new OpeningPeriod("tuesday", "12:00", "19:00") };

        Assert.Equal(new DateTime(2026, 12, 1, 19, 0, 0), OpenNow.At(hours, [], InParis(2026, 12, 1, 11, 0), Paris)!.ClosesAt);
    }

    [Fact]
    public void A_shop_without_hours_shows_nothing()
    {
        Assert.Null(OpenNow.At(null, [], InParis(2026, 12, 1, 10, 0), Paris));
        Assert.Null(OpenNow.At([], [], InParis(2026, 12, 1, 10, 0), Paris));
        Assert.Null(OpenNow.At([new OpeningPeriod("lundi", "9h", "19h")], [], InParis(2026, 12, 1, 10, 0), Paris));
    }

    [Fact]
    public void The_state_reads_as_a_French_baker_would_write_it()
    {
        var french = CultureInfo.GetCultureInfo("fr-FR");
        var holidays = new ShopClosure(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 2), null);
        string? Said(DateTimeOffset now) => OpenNow.Describe(OpenNow.At(Baker, [holidays], now, Paris), now, Paris, french, new FrenchTexts());

        Assert.Equal("Ouvert · ferme à 19:30", Said(InParis(2026, 12, 1, 16, 0)));
        Assert.Equal("Fermé · ouvre à 15:00", Said(InParis(2026, 12, 1, 13, 0)));
        Assert.Equal("Fermé · ouvre mardi à 08:00", Said(InParis(2026, 12, 6, 14, 0))); // Sunday afternoon, Monday closed
        Assert.Equal("Fermé (congés) · rouvre le 03/01 à 08:00", Said(InParis(2026, 12, 26, 10, 0)));
        Assert.Null(OpenNow.Describe(OpenNow.At([], [], InParis(2026, 12, 1, 10, 0), Paris), InParis(2026, 12, 1, 10, 0), Paris, french, new FrenchTexts()));
    }

    /// <summary>The web app's French texts for "open now".</summary>
    private sealed class FrenchTexts : IStringLocalizer
    {
        private static readonly Dictionary<string, string> Texts = new()
        {
            ["OpenNow.OpenUntil"] = "Ouvert · ferme à {0}",
            ["OpenNow.Closed"] = "Fermé",
            ["OpenNow.OpensToday"] = "Fermé · ouvre à {0}",
            ["OpenNow.OpensTomorrow"] = "Fermé · ouvre demain à {0}",
            ["OpenNow.OpensOn"] = "Fermé · ouvre {0} à {1}",
            ["OpenNow.OpensOnDate"] = "Fermé · ouvre le {0} à {1}",
            ["OpenNow.ClosedForClosure"] = "Fermé (congés) · rouvre le {0} à {1}",
            ["OpenNow.DateFormat"] = "dd/MM",
        };

        public LocalizedString this[string name] => new(name, Texts[name]);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, Texts[name], arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
