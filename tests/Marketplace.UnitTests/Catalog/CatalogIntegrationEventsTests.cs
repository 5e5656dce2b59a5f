using JasperFx.Events;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.StockAlerts;
using Marketplace.Contracts;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.UnitTests.Catalog;

public class CatalogIntegrationEventsTests
{
    private static readonly TenantId Alpine = TenantId.Parse("alpine");

    private readonly CatalogIntegrationEvents _mapper = new();

    [Fact]
    public void Registered_shop_is_published_as_ShopRegistered_of_the_databases_cooperative()
    {
        // Given a shop registered in alpine's database
        var registered = new ShopRegistered(Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch);

        // When the relay maps it
        var message = _mapper.Map(new Event<ShopRegistered>(registered), Alpine);

        // Then it is the contract, for alpine
        Assert.Equal(new Contract.ShopRegistered(Alpine, registered.ShopId, "Fromagerie", DateTimeOffset.UnixEpoch), message);
    }

    [Fact]
    public void A_shops_profile_is_published_whole_with_the_version_of_its_event_in_the_stream()
    {
        // Given the profile recorded as the 4th event of a shop's stream
        var owner = Guid.CreateVersion7();
        var recorded = new ShopProfileRecorded(
            Guid.CreateVersion7(), "Fromagerie", true, [owner], [new OpeningPeriod("monday", "08:00", "12:30")], true, false, "fromagerie@example.fr", DateTimeOffset.UnixEpoch,
            "3 place du Marché, 39000 Lons-le-Saunier");

        // When the relay maps it
        var message = Assert.IsType<Contract.ShopProfileChanged>(_mapper.Map(new Event<ShopProfileRecorded>(recorded) { Version = 4 }, Alpine));

        // Then the contract carries the whole profile and that version
        Assert.Equal((Alpine, recorded.ShopId, 4L, "Fromagerie", true), (message.Tenant, message.ShopId, message.Version, message.Name, message.Approved));
        Assert.Equal([owner], message.Owners);
        Assert.Equal([new Contract.ShopOpeningPeriod("monday", "08:00", "12:30")], message.OpeningHours);
        Assert.Equal((true, false, "fromagerie@example.fr", "3 place du Marché, 39000 Lons-le-Saunier"), (message.Pickup, message.Delivery, message.ContactEmail, message.Address));
    }

    [Fact]
    public void Served_stock_alerts_are_published_with_the_names_and_every_account()
    {
        var (batch, product, shop, jo, sam) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var served = new StockAlertsServed(batch, product, shop, "Fromagerie", new LocalizedText("Comté", "Comté cheese"), [jo, sam], DateTimeOffset.UnixEpoch);

        var message = Assert.IsType<Contract.StockAlertsDue>(_mapper.Map(new Event<StockAlertsServed>(served), Alpine));

        Assert.Equal((Alpine, batch, product, shop, "Fromagerie", "Comté", "Comté cheese"), (message.Tenant, message.BatchId, message.ProductId, message.ShopId, message.ShopName, message.ProductNameFr, message.ProductNameEn));
        Assert.Equal([jo, sam], message.AccountIds);
    }

    [Fact]
    public void Event_without_a_public_counterpart_stays_inside_the_service() =>
        Assert.Null(_mapper.Map(new Event<ShopOpenedForOrders>(new(Guid.CreateVersion7(), DateTimeOffset.UnixEpoch)), Alpine));

    [Fact]
    public void Event_outside_a_cooperatives_database_is_not_published() =>
        Assert.Null(_mapper.Map(new Event<ShopRegistered>(new(Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch)), null));
}
