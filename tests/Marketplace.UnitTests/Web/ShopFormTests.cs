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
}
