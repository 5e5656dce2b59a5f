namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>One sandbox for a test class; tests never share an object (each makes its own payments and accounts).</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
