using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Pages.Storefront;
using Microsoft.Extensions.Localization;

namespace Marketplace.UnitTests.Web;

/// <summary>The storefront writes prices, VAT, stock, days and hours as each culture does, and shop texts fall back to the other language.</summary>
public class StorefrontFormatTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void Euros_are_written_as_fr_FR_writes_money_and_with_the_euro_sign_in_en_GB()
    {
        // Given amounts in cents, one with thousands
        var small = new Money(450, "EUR");
        var large = new Money(123_456, "EUR");

        // Then fr-FR writes them as .NET formats its own currency (its spaces included)
        Assert.Equal(4.50m.ToString("C", French), StorefrontFormat.Price(small, French));
        Assert.Equal(1234.56m.ToString("C", French), StorefrontFormat.Price(large, French));

        // And en-GB keeps its number format but never turns euros into pounds
        Assert.Equal("€4.50", StorefrontFormat.Price(small, English));
        Assert.Equal("€1,234.56", StorefrontFormat.Price(large, English));
    }

    [Theory]
    [InlineData(2000, "0.2", 0)]
    [InlineData(1000, "0.1", 0)]
    [InlineData(550, "0.055", 1)]
    [InlineData(210, "0.021", 1)]
    public void VAT_rates_show_only_the_decimals_they_have(int basisPoints, string fraction, int decimals)
    {
        var value = decimal.Parse(fraction, CultureInfo.InvariantCulture);
        Assert.Equal(value.ToString("P" + decimals, French), StorefrontFormat.VatRate(basisPoints, French));
        Assert.Equal(value.ToString("P" + decimals, English), StorefrontFormat.VatRate(basisPoints, English));
    }

    [Fact]
    public void Stock_says_in_stock_how_many_are_left_when_few_or_sold_out()
    {
        var texts = new Texts();
        Assert.Equal(("SoldOut", "stock-out"), StorefrontFormat.Availability(0, texts));
        Assert.Equal(("SoldOut", "stock-out"), StorefrontFormat.Availability(-1, texts));
        Assert.Equal(("Only 1", "stock-low"), StorefrontFormat.Availability(1, texts));
        Assert.Equal(("Only 5", "stock-low"), StorefrontFormat.Availability(StorefrontFormat.LowStock, texts));
        Assert.Equal(("InStock", "stock-in"), StorefrontFormat.Availability(StorefrontFormat.LowStock + 1, texts));
    }

    [Fact]
    public void Opening_hours_list_the_week_from_monday_with_each_days_periods_in_order()
    {
        // Given a shop open on Tuesday morning and afternoon (given out of order) and Saturday morning
        OpeningPeriod[] hours = [new("tuesday", "14:00", "19:00"), new("tuesday", "09:00", "12:30"), new("saturday", "08:30", "13:00")];

        // Then the week starts on Monday in both cultures, named in each
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], StorefrontFormat.Week(French));
        Assert.Equal("Mardi", StorefrontFormat.DayName("tuesday", French));
        Assert.Equal("Tuesday", StorefrontFormat.DayName("tuesday", English));

        // And a day shows its periods in time order, a closed day nothing
        var time = (int hour, int minute) => new TimeOnly(hour, minute).ToString("t", French);
        Assert.Equal([$"{time(9, 0)} – {time(12, 30)}", $"{time(14, 0)} – {time(19, 0)}"], StorefrontFormat.Hours(hours, "tuesday", French));
        Assert.Empty(StorefrontFormat.Hours(hours, "monday", French));
    }

    [Fact]
    public void Map_link_searches_OpenStreetMap_for_the_whole_address()
    {
        var address = new ShopAddress("12 rue des Halles", "Cour intérieure", "69001", "Lyon");
        Assert.Equal("12 rue des Halles, Cour intérieure, 69001 Lyon", StorefrontFormat.AddressLine(address));
        Assert.Equal(
            "https://www.openstreetmap.org/search?query=12%20rue%20des%20Halles%2C%20Cour%20int%C3%A9rieure%2C%2069001%20Lyon",
            StorefrontFormat.OpenStreetMapUrl(address));
    }

    [Fact]
    public void Shop_texts_fall_back_to_the_other_language_and_say_which_it_is()
    {
        var both = new LocalizedText("Pâtes fraîches", "Fresh pasta");
        var frenchOnly = new LocalizedText("Pâtes fraîches", " ");
        Assert.Equal("Fresh pasta", both.In(English));
        Assert.Equal("en", both.LanguageIn(English));
        Assert.Equal("Pâtes fraîches", frenchOnly.In(English));
        Assert.Equal("fr", frenchOnly.LanguageIn(English));
        Assert.Null(new LocalizedText(null, null).LanguageIn(French));
    }

    /// <summary>Texts that are their key, "Only {0}" for the count of units left.</summary>
    private sealed class Texts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name == "Storefront.OnlyLeft" ? "Only {0}" : name["Storefront.".Length..]);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Fact]
    public void A_pickup_slot_reads_alike_for_the_customer_and_the_shop_in_Paris_time_and_names_both_days_across_midnight()
    {
        // Given a slot of Tuesday 8 December 2026, 09:00–10:00 in Paris (08:00–09:00 UTC)
        var start = new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);

        // Then each culture writes its day and hours, one dash between the hours
        Assert.Equal("Mardi 8 décembre, 09:00–10:00", OrderFormat.Slot(start, start.AddHours(1), French));
        Assert.Equal("Tuesday 8 December, 09:00–10:00", OrderFormat.Slot(start, start.AddHours(1), English));

        // And a slot that ends the next day says so
        Assert.Equal("Mardi 8 décembre, 22:30 – Mercredi 9 décembre, 00:30", OrderFormat.Slot(start.AddHours(13.5), start.AddHours(15.5), French));
    }

    [Fact]
    public void Pickup_slots_skip_the_days_a_closure_closes_the_shop()
    {
        // Given a shop open 09:00–11:00 every day, closed from Wednesday 9 to Thursday 10 December 2026
        var hours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => new OpeningPeriod(d, "09:00", "11:00")).ToList();
        var now = new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero);

        // Then no slot is offered on those days, and the days around them are
        var days = OrderFormat.NextSlots(hours, now, [new ShopClosure(new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 10), null)])
            .Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Start, OrderFormat.Zone).DateTime)).Distinct().Take(3).ToList();
        Assert.Equal([new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 12)], days);
    }
}
