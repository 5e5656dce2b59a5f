using JasperFx.Events;
using Marketplace.Catalog.Shops;
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
    public void Event_without_a_public_counterpart_stays_inside_the_service() =>
        Assert.Null(_mapper.Map(new Event<ShopOpenedForOrders>(new(Guid.CreateVersion7(), DateTimeOffset.UnixEpoch)), Alpine));

    [Fact]
    public void Event_outside_a_cooperatives_database_is_not_published() =>
        Assert.Null(_mapper.Map(new Event<ShopRegistered>(new(Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch)), null));
}
