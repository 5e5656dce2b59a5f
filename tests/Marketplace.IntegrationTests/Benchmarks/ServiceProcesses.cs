using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Marketplace.Hosting;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// Platform, Catalog, Ordering, Payments, Governance and the Gateway as separate processes, started from their built DLLs the way
/// deploy/run.sh starts them, on free ports, over a platform database and a RabbitMQ virtual host of their own:
/// so each has its own memory to read (/proc/PID/status) and PostgreSQL sees each one's connections apart.
/// Their logs go to artifacts/benchmarks/logs/.
/// </summary>
public sealed class ServiceProcesses : IAsyncDisposable
{
    public static readonly string[] Services = ["Platform", "Catalog", "Ordering", "Payments", "Governance", "Gateway"];

    private readonly Dictionary<string, (Process Process, int Port, string Log)> _running = [];

    private ServiceProcesses(string platformDatabase, SigningCredentials credentials, string issuer)
    {
        PlatformDatabase = platformDatabase;
        Credentials = credentials;
        Issuer = issuer;
    }

    public string PlatformDatabase { get; }

    /// <summary>Signs tokens the way the Platform does (its own key pair, made for this run).</summary>
    public SigningCredentials Credentials { get; }

    public string Issuer { get; }

    public Uri Gateway => Address("Gateway");

    public Uri Address(string service) => new($"http://127.0.0.1:{_running[service].Port}");

    public IEnumerable<(string Service, int ProcessId)> Processes => _running.Select(r => (r.Key, r.Value.Process.Id));

    public static async Task<ServiceProcesses> StartAsync(string postgres, Uri rabbitMq, string platformDatabase, IReadOnlyDictionary<string, string> settings)
    {
        var root = TestInfrastructure.RepositoryRoot();
        // The services are built by the test project's build (project references), in its configuration.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        using var rsa = RSA.Create(2048);
        var privateKey = rsa.ExportPkcs8PrivateKeyPem();
        const string issuer = "https://marketplace-benchmark.local/";
        var processes = new ServiceProcesses(platformDatabase, new SigningCredentials(TokenSettings.ImportKey(privateKey), SecurityAlgorithms.RsaSha256), issuer);
        var ports = Services.ToDictionary(s => s, _ => FreePort());
        var logs = Path.Combine(root, "artifacts", "benchmarks", "logs");
        Directory.CreateDirectory(logs);
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__RabbitMq"] = rabbitMq.ToString(),
            ["Marketplace__PlatformDatabase"] = platformDatabase,
            ["Marketplace__Auth__Issuer"] = issuer,
            ["Marketplace__Auth__Audience"] = MarketplaceApp.Audience,
            ["Marketplace__Auth__SigningPrivateKey"] = privateKey,
            ["Marketplace__Auth__SigningPublicKey"] = rsa.ExportSubjectPublicKeyInfoPem(),
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var cluster in new[] { "platform", "catalog", "ordering", "payments", "governance" })
        {
            var service = char.ToUpperInvariant(cluster[0]) + cluster[1..];
            environment[$"ReverseProxy__Clusters__{cluster}__Destinations__{cluster}__Address"] = $"http://127.0.0.1:{ports[service]}";
        }

        try
        {
            foreach (var service in Services)
            {
                var dll = Path.Combine(root, "services", service, "bin", configuration, "net10.0", $"Marketplace.{service}.dll");
                if (!File.Exists(dll))
                {
                    throw new FileNotFoundException($"{dll} is missing: build the solution (or the integration tests) first.", dll);
                }

                var log = Path.Combine(logs, $"{service}.log");
                // exec: the shell becomes the service, so the process id is the service's own (its /proc/PID/status).
                var start = new ProcessStartInfo("bash", ["-c", "exec dotnet \"$0\" --urls \"$1\" --contentRoot \"$2\" >\"$3\" 2>&1",
                    dll, $"http://127.0.0.1:{ports[service]}", Path.Combine(root, "services", service), log])
                {
                    UseShellExecute = false,
                };
                foreach (var (name, value) in environment)
                {
                    start.Environment[name] = value;
                }

                processes._running[service] = (Process.Start(start)!, ports[service], log);
            }

            foreach (var service in Services)
            {
                await processes.WaitReadyAsync(service, TimeSpan.FromSeconds(120));
            }
        }
        catch
        {
            await processes.DisposeAsync();
            throw;
        }

        return processes;
    }

    /// <summary>Resident memory of each service now (VmRSS, Linux), in MB; null where it cannot be read.</summary>
    public Dictionary<string, double?> MemoryMegabytes() => _running.ToDictionary(r => r.Key, r => ResidentMegabytes(r.Value.Process.Id));

    /// <summary>A service that stopped on its own, with the end of its log; null while all run.</summary>
    public string? Exited() => _running
        .Where(r => r.Value.Process.HasExited)
        .Select(r => $"{r.Key} exited ({r.Value.Process.ExitCode}); end of {r.Value.Log}:\n{Tail(r.Value.Log)}")
        .FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, (process, _, _)) in _running)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        foreach (var (_, (process, _, _)) in _running)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // reported by the connections still open, if any
            }

            process.Dispose();
        }

        _running.Clear();
    }

    private async Task WaitReadyAsync(string service, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Exited() is { } exited)
            {
                throw new InvalidOperationException(exited);
            }

            try
            {
                if ((await client.GetAsync(new Uri(Address(service), "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{service} not ready after {timeout.TotalSeconds} s; end of {_running[service].Log}:\n{Tail(_running[service].Log)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>CPU time each service has used so far (user + system, /proc/pid/stat, Linux), in seconds.</summary>
    public Dictionary<string, double?> CpuSeconds() => _running.ToDictionary(r => r.Key, r => CpuSeconds(r.Value.Process.Id));

    /// <summary>
    /// CPU seconds spent by every PostgreSQL process on this machine: the live ones, and through the postmaster's
    /// reaped-children counters the backends that have exited. With this process's own, the rest of a run's CPU.
    /// </summary>
    public static double PostgresCpuSeconds()
    {
        var seconds = 0.0;
        foreach (var folder in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            if (Stat(int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture)) is ("postgres", var ppid, var own, var children))
            {
                seconds += own + (Stat(ppid)?.Command == "postgres" ? 0 : children);
            }
        }

        return seconds;
    }

    private static double? CpuSeconds(int processId) => Stat(processId)?.Own;

    private static (string Command, int Parent, double Own, double Children)? Stat(int processId)
    {
        try
        {
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            const double ticksPerSecond = 100; // USER_HZ on Linux
            double Ticks(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture) / ticksPerSecond;
            var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            return (command, int.Parse(fields[1], CultureInfo.InvariantCulture), Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double? ResidentMegabytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Tail(string log)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(15));
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
