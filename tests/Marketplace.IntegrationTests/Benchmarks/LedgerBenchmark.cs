using System.Diagnostics;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Orders;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
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
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            var mine = new Random(writer);
            while (until.Elapsed < Duration)
            {
                var capture = Capture(mine);
                var total = capture.Amount;
                var now = DateTimeOffset.UtcNow;
                await using var session = sessions.OpenSession(coop);
                session.Events.StartStream<Payment>(
                    capture.OrderId,
                    new PaymentOpened(capture.OrderId, Guid.NewGuid(), total, now, now.AddMinutes(30), [.. capture.Lines.Select(l => new PaymentShare(l.ShopId, l.Subtotal, new Money(0, "EUR")))], "pi_bench", "secret", now, now),
                    new PaymentAuthorisationConfirmed(capture.OrderId, total, now, now.AddDays(7)),
                    capture);
                await session.SaveChangesAsync();
                Interlocked.Increment(ref posted);
            }
        }));
        var seconds = until.Elapsed.TotalSeconds;
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
