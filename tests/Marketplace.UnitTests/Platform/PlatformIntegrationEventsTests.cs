using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Platform.Cooperatives;
using Contract = Marketplace.Contracts.Platform;

namespace Marketplace.UnitTests.Platform;

public class PlatformIntegrationEventsTests
{
    private readonly PlatformIntegrationEvents _mapper = new();

    [Fact]
    public void Onboarded_cooperative_is_published_as_CooperativeOnboarded_of_that_cooperative()
    {
        // Given a cooperative onboarded, in the platform database (which belongs to no cooperative)
        var onboarded = new CooperativeOnboarded("alpine", "Coopérative alpine", "FR", "EUR", ["fr", "en"], DateTimeOffset.UnixEpoch);

        // When the relay maps it
        var message = Assert.IsType<Contract.CooperativeOnboarded>(_mapper.Map(new Event<CooperativeOnboarded>(onboarded), null));

        // Then it is the contract, for the cooperative the event names
        Assert.Equal(TenantId.Parse("alpine"), message.Tenant);
        Assert.Equal(("Coopérative alpine", "FR", "EUR", DateTimeOffset.UnixEpoch), (message.Name, message.Country, message.Currency, message.OnboardedAt));
        Assert.Equal(["fr", "en"], message.Languages);
    }

    [Fact]
    public void Event_without_a_public_counterpart_stays_inside_the_service() =>
        Assert.Null(_mapper.Map(new Event<UnrelatedEvent>(new("alpine")), null));

    private sealed record UnrelatedEvent(string Slug);
}
