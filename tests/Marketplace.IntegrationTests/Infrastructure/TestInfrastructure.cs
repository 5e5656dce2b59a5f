using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL and a real RabbitMQ for the whole test run, found in this order: servers named by
/// MARKETPLACE_POSTGRES / MARKETPLACE_RABBITMQ (the test script starts private ones on loopback);
/// Testcontainers where a Docker engine answers; else the project's own deploy/local/infra.sh.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);

    private TestInfrastructure(string postgres, Uri rabbitMq, IBrokerControl broker)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        Broker = broker;
    }

    /// <summary>A connection string to the server, without a database.</summary>
    public string Postgres { get; }

    public Uri RabbitMq { get; }

    /// <summary>Stops and starts the broker, for outage tests.</summary>
    public IBrokerControl Broker { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    private static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("MARKETPLACE_POSTGRES");
        var rabbitMq = Environment.GetEnvironmentVariable("MARKETPLACE_RABBITMQ");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbitMq))
        {
            return await WithFreshVirtualHostAsync(postgres, new Uri(rabbitMq));
        }

        if (await TryContainersAsync() is { } containers)
        {
            return containers;
        }

        var exports = await ScriptBroker.RunAsync(InfraScript(), "up");
        var variables = exports.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        return await WithFreshVirtualHostAsync(variables["MARKETPLACE_POSTGRES"], new Uri(variables["MARKETPLACE_RABBITMQ"]));
    }

    /// <summary>
    /// A long-lived local broker may also serve a running marketplace: the run gets a virtual host of its
    /// own, so no other process competes for its queues and no earlier run's messages are waiting there.
    /// </summary>
    private static async Task<TestInfrastructure> WithFreshVirtualHostAsync(string postgres, Uri broker)
    {
        var script = InfraScript();
        var vhost = (await ScriptBroker.RunAsync(script, "rabbitmq-vhost", "it")).Trim();
        return new TestInfrastructure(postgres, new Uri(broker, Uri.EscapeDataString(vhost)), new ScriptBroker(script));
    }

    private static async Task<TestInfrastructure?> TryContainersAsync()
    {
        PostgreSqlContainer postgres;
        RabbitMqContainer rabbitMq;
        try
        {
            // Every test class onboards its own cooperatives, each holding capped pools per service: more than the default 100.
            // The other settings of a server of many databases as deploy/local/infra.sh sets them (ADR 26).
            postgres = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "max_connections=1000", "-c", "shared_buffers=1GB", "-c", "autovacuum_naptime=5min").Build();
            rabbitMq = new RabbitMqBuilder("rabbitmq:3.13").Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync());
        return new TestInfrastructure(postgres.GetConnectionString(), new Uri(rabbitMq.GetConnectionString()), new ContainerBroker(rabbitMq));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Marketplace.sln not found above " + AppContext.BaseDirectory);
    }

    private static string InfraScript() =>
        Environment.GetEnvironmentVariable("MARKETPLACE_INFRA_SCRIPT") is { Length: > 0 } script
            ? script
            : Path.Combine(RepositoryRoot(), "deploy", "local", "infra.sh");
}

public interface IBrokerControl
{
    Task StopAsync();

    Task StartAsync();
}

internal sealed class ScriptBroker(string script) : IBrokerControl
{
    public Task StopAsync() => RunAsync(script, "rabbitmq-stop-app");

    public Task StartAsync() => RunAsync(script, "rabbitmq-start-app");

    public static async Task<string> RunAsync(string script, params string[] command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', command)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}

internal sealed class ContainerBroker(RabbitMqContainer container) : IBrokerControl
{
    public Task StopAsync() => container.ExecAsync(["rabbitmqctl", "stop_app"]);

    public async Task StartAsync()
    {
        await container.ExecAsync(["rabbitmqctl", "start_app"]);
        await container.ExecAsync(["rabbitmqctl", "await_startup"]);
    }
}
