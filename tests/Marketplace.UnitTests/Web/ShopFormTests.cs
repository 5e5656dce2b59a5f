using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Pages.Shops;

namespace Marketplace.UnitTests.Web;

public class ShopFormTests
{
    [Fact]
    public void A_day_with_three_periods_given_through_the_API_keeps_the_third_when_saved_from_the_two_period_form()
    {
        // Given a shop open three times on Monday (set through the API), once on Tuesday
        var shop = new Shop(
            Guid.NewGuid(), "Boulangerie", null, new ShopAddress("1 rue du Four", null, "39000", "Lons-le-Saunier"),
            [new("monday", "14:00", "16:00"), new("monday", "07:00", "09:00"), new("monday", "10:00", "12:00"), new("tuesday", "08:00", "12:00")],
            new Fulfilment(true, false, null), new ShopContact("shop@example.org", null, null), [], ShopStatus.Approved, DateTimeOffset.UnixEpoch, null, true);

        // When its form is filled from it and saved unchanged
        var form = ShopForm.From(shop);
        var saved = form.ToRegistration().OpeningHours;

        // Then the form shows the first two, carries the third, and saving keeps all of them
        var monday = form.Hours.Single(d => d.Day == "monday");
        Assert.Equal(("07:00", "09:00", "10:00", "12:00", "14:00-16:00"), (monday.Opens, monday.Closes, monday.Opens2, monday.Closes2, monday.Extra));
        Assert.Null(form.Hours.Single(d => d.Day == "tuesday").Extra);
        Assert.Equal(
            [new("monday", "07:00", "09:00"), new("monday", "10:00", "12:00"), new("monday", "14:00", "16:00"), new("tuesday", "08:00", "12:00")],
            saved);
    }

    [Theory]
    [InlineData("48.86892", "2.33111", 48.86892, 2.33111)]
    [InlineData(" 48,86892 ", "2,33111", 48.86892, 2.33111)] // French decimals
    [InlineData("48.86892, 2.33111", "", 48.86892, 2.33111)] // both pasted together, as OpenStreetMap shows them
    [InlineData("48,86892; -2,33111", null, 48.86892, -2.33111)]
    [InlineData("-33.8568 151.2153", null, -33.8568, 151.2153)]
    public void Coordinates_are_read_with_a_dot_or_a_comma_and_split_when_pasted_together(string latitude, string? longitude, double expectedLatitude, double expectedLongitude)
    {
        var form = new ShopForm { Name = "Boulangerie", Latitude = latitude, Longitude = longitude };

        form.SplitPastedCoordinates();
        var registration = form.ToRegistration();

        Assert.Empty(form.BadCoordinates());
        Assert.Equal(((decimal)expectedLatitude, (decimal)expectedLongitude), (registration.Latitude, registration.Longitude));
    }

    [Fact]
    public void Empty_coordinates_are_none_and_words_are_not_numbers()
    {
        Assert.Equal((null, null), (new ShopForm { Latitude = " ", Longitude = null }.ToRegistration().Latitude, new ShopForm().ToRegistration().Longitude));
        var form = new ShopForm { Latitude = "nord", Longitude = "48.8.1" };
        form.SplitPastedCoordinates();
        Assert.Equal(["Form.Latitude", "Form.Longitude"], form.BadCoordinates());
    }

    [Fact]
    public void A_shop_s_coordinates_fill_its_form_with_a_dot_whatever_the_language()
    {
        var shop = new Shop(
            Guid.NewGuid(), "Boulangerie", null, null, [], null, null, [], ShopStatus.Approved, DateTimeOffset.UnixEpoch, null, true, Latitude: 48.868925m, Longitude: -2.5m);

        var form = ShopForm.From(shop);

        Assert.Equal(("48.868925", "-2.5"), (form.Latitude, form.Longitude));
    }
}
