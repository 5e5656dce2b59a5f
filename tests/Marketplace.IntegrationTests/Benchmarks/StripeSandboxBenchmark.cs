using System.Diagnostics;
using Marketplace.IntegrationTests.StripeSandbox;
using Stripe;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Benchmarks.LoadFigures;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// The payment's two calls to Stripe as Payments makes them, through Stripe.net to the local sandbox (a server of its own
/// here, so no webhook reaches the app): authorise (a manual-capture PaymentIntent with its idempotency key) and capture
/// (with its balance transaction expanded), 4 callers, 200 payments in all after 8 not counted; beside the cheapest round trip through the
/// same client and server, a PaymentIntent read, as the raw limit of this machine in the same run. Prints p50/p95/p99;
/// never fails on time.
/// Run: dotnet test tests/Marketplace.IntegrationTests --filter "FullyQualifiedName~StripeSandboxBenchmark"
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(Benchmarks))]
public sealed class StripeSandboxBenchmark(ITestOutputHelper output)
{
    private const int Callers = 4;
    private const int Payments = 200;
    private const int WarmUp = 8; // the first calls pay for JIT and connections: not counted

    [Fact]
    public async Task Authorise_and_capture_latencies_through_the_sandbox_beside_a_plain_read()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var intents = new PaymentIntentService(sandbox.Client());
        using var controls = sandbox.Http();
        var (authorise, capture, read) = (new List<double>(), new List<double>(), new List<double>());
        var captured = 0;
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) <= Payments + WarmUp)
            {
                var order = Guid.NewGuid();
                var clock = Stopwatch.StartNew();
                var intent = await intents.CreateAsync(
                    new PaymentIntentCreateOptions { Amount = 2_150, Currency = "eur", CaptureMethod = "manual", TransferGroup = order.ToString() },
                    new RequestOptions { IdempotencyKey = $"order:{order}:authorise" });
                var authorised = clock.Elapsed.TotalMilliseconds;
                (await controls.PostAsync($"/sandbox/payment_intents/{intent.Id}/succeed", null)).EnsureSuccessStatusCode();

                clock.Restart();
                await intents.GetAsync(intent.Id);
                var readOnce = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var done = await intents.CaptureAsync(
                    intent.Id,
                    new PaymentIntentCaptureOptions { AmountToCapture = 2_000, Expand = ["latest_charge.balance_transaction"] },
                    new RequestOptions { IdempotencyKey = $"order:{order}:capture" });
                var capturedIn = clock.Elapsed.TotalMilliseconds;
                lock (authorise)
                {
                    if (number <= WarmUp)
                    {
                        continue;
                    }

                    authorise.Add(authorised);
                    read.Add(readOnce);
                    capture.Add(capturedIn);
                    captured += done is { Status: "succeeded", AmountReceived: 2_000, LatestCharge.BalanceTransaction.Fee: > 0 } ? 1 : 0;
                }
            }
        }));

        var line = Invariant(
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} stripe-sandbox payments={Payments} callers={Callers} | authorise {Latencies(authorise)} | capture {Latencies(capture)} | read (raw) {Latencies(read)} | p99 ratios authorise={Ratio(Percentile(authorise, 0.99), Percentile(read, 0.99))} capture={Ratio(Percentile(capture, 0.99), Percentile(read, 0.99))} load={LoadAverage()}");
        output.WriteLine(line);
        await AppendResultAsync(line);

        // Every payment authorised and captured for what was asked, with Stripe's fee on its balance transaction
        Assert.Equal(Payments, captured);
    }
}
