namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>Base of integration test classes: the shared running marketplace, ready before the first test.</summary>
public abstract class MarketplaceTest : IAsyncLifetime
{
    protected MarketplaceApp App { get; private set; } = null!;

    public virtual async Task InitializeAsync() => App = await MarketplaceApp.GetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
