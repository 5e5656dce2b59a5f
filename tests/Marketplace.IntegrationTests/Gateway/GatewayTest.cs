using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Gateway;

/// <summary>Base of test classes that go through the gateway, with default limits, in front of the shared services.</summary>
public abstract class GatewayTest : MarketplaceTest
{
    protected GatewayFactory Gateway { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = GatewayFactory.Start(App);
    }

    public override async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
