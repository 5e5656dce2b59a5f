using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Ordering.Shops;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.UnitTests.Ordering;

public class OrderingIntegrationEventsTests
{
    private static readonly TenantId Alpine = TenantId.Parse("alpine");

    private readonly OrderingIntegrationEvents _mapper = new();

    [Fact]
    public void Shop_opened_for_orders_is_published_as_ShopOpenedForOrders_of_the_databases_cooperative()
    {
        // Given a shop opened for orders in alpine's database
        var opened = new ShopOpenedForOrders(Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch);

        // When the relay maps it
        var message = _mapper.Map(new Event<ShopOpenedForOrders>(opened), Alpine);

        // Then it is the contract, for alpine
        Assert.Equal(new Contract.ShopOpenedForOrders(Alpine, opened.ShopId, DateTimeOffset.UnixEpoch), message);
    }

    [Fact]
    public void Event_without_a_public_counterpart_stays_inside_the_service() =>
        Assert.Null(_mapper.Map(new Event<ShopPayoutsCopied>(new(Guid.CreateVersion7(), true, DateTimeOffset.UnixEpoch)), Alpine));

    [Fact]
    public void Event_outside_a_cooperatives_database_is_not_published() =>
        Assert.Null(_mapper.Map(new Event<ShopOpenedForOrders>(new(Guid.CreateVersion7(), "Fromagerie", DateTimeOffset.UnixEpoch)), null));
}
