using JasperFx;
using JasperFx.Events;

namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>
/// A change decided on the state it just read, for a request that carried no version of its own (approve,
/// change a price, adjust stock): when another write to the same stream commits first (a checkout holding
/// stock, Ordering opening the shop), read and decide again rather than answer 409 to a request that
/// conflicts with nothing the caller saw. A few attempts; a lasting conflict still ends as 409.
/// </summary>
public static class ConcurrencyRetry
{
    private const int Attempts = 10;

    /// <summary>As <see cref="RetryAsync{T}(Func{Task{T}})"/>, one writer at a time on the stream in this process (<see cref="StreamGate"/>).</summary>
    public static Task<T> RetryAsync<T>(string tenant, Guid stream, Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        StreamGate.OneAtATimeAsync(tenant, stream, () => RetryAsync(attempt), cancellationToken);

    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (i < Attempts && IsConflict(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * i));
            }
        }
    }

    private static bool IsConflict(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException || (e.InnerException is { } inner && IsConflict(inner));
}
