using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// The server's raw rate of one-row insert transactions, measured by pgbench in a throwaway database during the
/// benchmark's own run: the ceiling a benchmark's figure is read against, as the machines here are shared and noisy.
/// </summary>
public static partial class Pgbench
{
    /// <summary>Inserts per second from <paramref name="clients"/> clients for <paramref name="duration"/>; null when pgbench is not installed.</summary>
    public static async Task<double?> InsertsPerSecondAsync(MarketplaceApp app, int clients, TimeSpan duration, ITestOutputHelper output)
    {
        var pgbench = new[] { Environment.GetEnvironmentVariable("MARKETPLACE_PGBENCH"), "/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench" }
            .FirstOrDefault(File.Exists);
        if (pgbench is null)
        {
            return null;
        }

        var server = new NpgsqlConnectionStringBuilder(app.Infrastructure.Postgres);
        var database = $"bench_pgbench_{Guid.NewGuid():N}"[..30];
        var script = Path.Combine(Path.GetTempPath(), database + ".sql");
        await app.DatabaseDdlAsync($"create database {database}");
        try
        {
            await using (var connection = await app.OpenAsync(database))
            await using (var create = new NpgsqlCommand("create table t (id bigint generated always as identity primary key, customer uuid not null, quantity int not null, at timestamptz not null default now())", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await File.WriteAllTextAsync(script, "insert into t (customer, quantity) values (gen_random_uuid(), 1);\n");
            var start = new ProcessStartInfo(pgbench, ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username!, database])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PGPASSWORD"] = server.Password ?? "";
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = Tps().Match(await text);
            output.WriteLine($"pgbench: {(await text).Trim()}");
            Assert.True(process.ExitCode == 0 && match.Success, $"pgbench failed ({process.ExitCode}): {await errors}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
            await app.DatabaseDdlAsync($"drop database if exists {database} with (force)");
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
