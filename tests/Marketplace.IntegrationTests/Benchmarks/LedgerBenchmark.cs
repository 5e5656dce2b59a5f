using System.Diagnostics;
using Marketplace.Contracts;
using Marketplace.Contracts.Payments;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Payments;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Orders;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Benchmarks.LoadFigures;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// The money path's own cost: splits a second (the allocator's capture split and the ledger's postings of it, in memory),
/// then captures posted to the ledger through Payments' real store — each a payment stream of three events and its
/// postings, inline in one transaction — from 8 writers, beside pgbench's single-row inserts on the same server in the
/// same run. Prints the figures; never fails on time.
/// Run: dotnet test tests/Marketplace.IntegrationTests --filter "FullyQualifiedName~LedgerBenchmark"
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(Benchmarks))]
public sealed class LedgerBenchmark(ITestOutputHelper output) : MarketplaceTest
{
    private const int Writers = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Splits_and_postings_per_second_beside_pgbench()
    {
        // In memory: an order of 1 to 5 shops split, its capture and transfers posted
        var random = new Random(42);
        var splits = 0;
        var postings = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            var capture = Capture(random);
            postings += LedgerPostings.Of(capture).Count;
            splits++;
        }

        clock.Stop();
        var splitsPerSecond = splits / clock.Elapsed.TotalSeconds;

        // Through the store: captures appended with their postings, 8 writers, then pgbench on the same server
        var coop = await App.OnboardAsync();
        var sessions = App.Payments.Services.GetRequiredService<CooperativeSessions>();
        var posted = 0;
        double seconds;
        long skipped;
        await using (var relay = await HoldRelayAsync(coop))
        {
            var until = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
            {
                var mine = new Random(writer);
                while (until.Elapsed < Duration)
                {
                    await PostAsync(sessions, coop, Capture(mine));
                    Interlocked.Increment(ref posted);
                }
            }));
            seconds = until.Elapsed.TotalSeconds;
            skipped = await MarkRelayedAsync(relay);
        }

        // Relayed again from there on: a capture posted now reaches the other services, and none of the benchmark's before it
        var after = Capture(new Random(Writers));
        await PostAsync(sessions, coop, after);
        await App.Probe.WaitForAsync<PaymentCaptured>(m => m.OrderId == after.OrderId);
        Assert.Single(App.Probe.Of<PaymentCaptured>(m => m.Tenant == coop));

        var rows = await App.ScalarAsync<long>(TenantRegistry.DatabaseNameFor(coop), "select count(*) from payments.ledger");
        var balanced = await App.ScalarAsync<bool>(TenantRegistry.DatabaseNameFor(coop), "select sum(debit) = sum(credit) from payments.ledger");
        var pgbench = await Pgbench.InsertsPerSecondAsync(App, Writers, TimeSpan.FromSeconds(5), output);

        var line = Invariant(
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} ledger in-memory splits={splitsPerSecond:F0}/s postings={postings / clock.Elapsed.TotalSeconds:F0}/s | store captures={posted / seconds:F0}/s posting-rows={rows / seconds:F0}/s balanced={balanced} writers={Writers} | pgbench inserts={pgbench:F0}/s rows-ratio={Ratio(rows / seconds, pgbench ?? double.NaN)} load={LoadAverage()}");
        output.WriteLine(line);
        await AppendResultAsync(line);

        // What was posted is whole: every capture's rows are there and the ledger balances
        Assert.True(balanced);
        Assert.True(rows >= posted * 6L, $"{rows} rows for {posted} captures");
        Assert.True(skipped >= posted * 3L, $"{skipped} events marked relayed for {posted} captures");
    }

    /// <summary>
    /// Holds Payments' relay lock in the cooperative's database (waiting for the relay to finish what onboarding
    /// appended there), so that the captures below are not relayed while they are written.
    /// </summary>
    /// <remarks>
    /// They are captures of orders no service placed. Relayed, they reached the Platform and Ordering by thousands; the
    /// Platform parks a capture of an order it does not know yet for minutes, and the tests that ran next waited behind
    /// them for their own payment mail.
    /// </remarks>
    private async Task<RelayLock.Held> HoldRelayAsync(TenantId coop)
    {
        var store = App.Payments.Services.GetRequiredService<IDocumentStore>();
        var relayLock = App.Payments.Services.GetRequiredService<RelayLock>();
        var database = (await store.Options.Tenancy.GetTenantAsync(coop.Value)).Database;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (!await relayLock.HasUnrelayedEventsAsync(database, CancellationToken.None)
                && await relayLock.TryAcquireAsync(database, CancellationToken.None) is { } held)
            {
                return held;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"Payments' relay never let go of {coop}'s database.");
            await Task.Delay(100);
        }
    }

    /// <summary>Moves the relay's progress past everything written under the held lock; returns how many events it skipped.</summary>
    private static async Task<long> MarkRelayedAsync(RelayLock.Held relay)
    {
        await using var command = new NpgsqlCommand(
            $"""
            with top as (select coalesce(max(seq_id), 0) as seq from {PaymentsModule.Schema}.mt_events),
                 was as (select coalesce((select last_seq_id from {PaymentsModule.Schema}.mt_event_progression where name = $1), 0) as seq),
                 moved as (
                     insert into {PaymentsModule.Schema}.mt_event_progression (name, last_seq_id) select $1, seq from top
                     on conflict (name) do update set last_seq_id = excluded.last_seq_id)
            select top.seq - was.seq from top, was
            """,
            relay.Connection)
        {
            Parameters = { new() { Value = RelayLock.ProgressName } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A payment stream opened, authorised and captured in one transaction, with the capture's postings.</summary>
    private static async Task PostAsync(CooperativeSessions sessions, TenantId coop, PaymentCaptureMade capture)
    {
        var total = capture.Amount;
        var now = DateTimeOffset.UtcNow;
        await using var session = sessions.OpenSession(coop);
        session.Events.StartStream<Payment>(
            capture.OrderId,
            new PaymentOpened(capture.OrderId, Guid.NewGuid(), total, now, now.AddMinutes(30), [.. capture.Lines.Select(l => new PaymentShare(l.ShopId, l.Subtotal, new Money(0, "EUR")))], "pi_bench", "secret", now, now),
            new PaymentAuthorisationConfirmed(capture.OrderId, total, now, now.AddDays(7)),
            capture);
        await session.SaveChangesAsync();
    }

    /// <summary>An order of 1 to 5 shops (subtotals 1 cent to 200 euros, 5.5 % VAT), split with the policy, a transfer per shop.</summary>
    private static PaymentCaptureMade Capture(Random random)
    {
        var accepted = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
        {
            var subtotal = random.NextInt64(1, 20_000);
            return new AcceptedShare(Guid.NewGuid(), new Money(subtotal, "EUR"), new Money(subtotal * 550 / 10_550, "EUR"));
        }).ToList();
        var lines = Split.ForCapture(FeePolicyVersion.Default, accepted);
        var transfers = lines.Where(l => l.Transfer.Minor > 0).Select(l => new ShopTransfer(l.ShopId, "acct_bench", "tr_" + Guid.NewGuid().ToString("N"), l.Transfer)).ToList();
        return new PaymentCaptureMade(Guid.NewGuid(), new Money(lines.Sum(l => l.Subtotal.Minor), "EUR"), lines, transfers, DateTimeOffset.UtcNow);
    }
}
