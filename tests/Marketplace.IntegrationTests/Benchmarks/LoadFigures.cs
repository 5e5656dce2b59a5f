using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>One HTTP attempt as the client saw it; status 0 is no answer (timeout, connection refused).</summary>
public sealed record Attempt(int Status, bool RetryAfter);

/// <summary>
/// A request as a well-behaved client makes it: it does what Retry-After says (503 while a service sheds load,
/// 429 at the gateway), a bounded number of times. Every attempt is kept, so an overload shows in the figures
/// even when the retries hide it from the customer.
/// </summary>
public sealed record Sent(IReadOnlyList<Attempt> Attempts, double StartedMs, double Milliseconds, JsonElement? Body)
{
    public int First => Attempts[0].Status;

    public int Final => Attempts[^1].Status;

    /// <summary>A 5xx that no Retry-After excuses, or one that was still there when the client gave up.</summary>
    public bool ServerFailed => Attempts.Any(a => a.Status is >= 500 or 0 && !(a.Status == 503 && a.RetryAfter)) || Final is >= 500 or 0;
}

public static class LoadFigures
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Milliseconds since the process started measuring: one time line for every load of a benchmark.</summary>
    public static double Now => Clock.Elapsed.TotalMilliseconds;

    public static async Task<Sent> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken cancellationToken = default)
    {
        var attempts = new List<Attempt>();
        var started = Now;
        JsonElement? body = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? wait = null;
            try
            {
                using var message = request();
                using var response = await client.SendAsync(message, cancellationToken);
                var status = (int)response.StatusCode;
                wait = RetryAfter(response.Headers.RetryAfter);
                attempts.Add(new Attempt(status, wait is not null));
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                    ? JsonDocument.Parse(text).RootElement.Clone()
                    : null;
                if (status is not (503 or 429) || wait is null || attempt == MaxAttempts)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                attempts.Add(new Attempt(0, false));
                break;
            }

            await Task.Delay(wait.Value < LongestWait ? wait.Value : LongestWait, cancellationToken);
        }

        return new Sent(attempts, started, Now - started, body);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    /// <summary>Starts every call at the same moment (a gate), so the server sees a burst, and waits for all.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Latencies(IEnumerable<double> milliseconds)
    {
        var values = milliseconds.ToList();
        return values.Count == 0
            ? "no requests"
            : Invariant($"p50 {Percentile(values, 0.50):F1} ms, p95 {Percentile(values, 0.95):F1} ms, p99 {Percentile(values, 0.99):F1} ms, max {values.Max():F1} ms");
    }

    /// <summary>"201×50 409×150": how many answers of each status (0: no answer).</summary>
    public static string Counts(IEnumerable<int> statuses) =>
        string.Join(' ', statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key}×{g.Count()}")));

    public static string Ratio(double numerator, double denominator) =>
        denominator > 0 && !double.IsNaN(numerator) ? Invariant($"{numerator / denominator:0.00##}") : "n/a"; // 0.0007 reads as such, not 0.00

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The figures mean little without how busy the machine was (Linux only).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    public static async Task AppendResultAsync(string line)
    {
        var folder = Path.Combine(Infrastructure.TestInfrastructure.RepositoryRoot(), "artifacts", "benchmarks");
        Directory.CreateDirectory(folder);
        await File.AppendAllTextAsync(Path.Combine(folder, "results.txt"), line + Environment.NewLine);
    }
}
