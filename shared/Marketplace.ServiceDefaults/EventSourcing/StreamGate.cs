namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>
/// One writer at a time per stream in this process: the shops' two acceptances of one order, a webhook and the poller
/// observing one payment, a consumer and a request deciding on one order wait their turn instead of conflicting. A
/// conflict is not only a retry: its transaction had already drawn event sequence numbers, and the gap it leaves
/// holds the relay of the whole cooperative until Marten's daemon gives up on it (3 s), so every message after it
/// waits too. Striped (two streams may share a gate, rarely); a decision made inside another one (a consumer deciding
/// on a second stream) goes through without waiting, so no turn ever waits on another. Between replicas the version
/// check and <see cref="ConcurrencyRetry"/> still decide.
/// </summary>
public static class StreamGate
{
    private const int Stripes = 1024;
    private static readonly SemaphoreSlim[] Gates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];
    private static readonly AsyncLocal<bool> Inside = new();

    public static async Task<T> OneAtATimeAsync<T>(string tenant, Guid stream, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (Inside.Value)
        {
            return await work();
        }

        var gate = Gates[(uint)HashCode.Combine(tenant, stream) % Stripes];
        await gate.WaitAsync(cancellationToken);
        try
        {
            Inside.Value = true;
            return await work();
        }
        finally
        {
            Inside.Value = false;
            gate.Release();
        }
    }

    public static Task OneAtATimeAsync(string tenant, Guid stream, Func<Task> work, CancellationToken cancellationToken) =>
        OneAtATimeAsync(tenant, stream, async () =>
        {
            await work();
            return true;
        }, cancellationToken);
}
