using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.EventSourcing;

/// <summary>One writer at a time per stream in a process; other streams and decisions made inside a turn never wait.</summary>
public sealed class StreamGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Writers_of_one_stream_take_turns()
    {
        var stream = Guid.NewGuid();
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => StreamGate.OneAtATimeAsync("coop-a", stream, async () =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
        }, CancellationToken.None)))).WaitAsync(Bound);

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task The_same_stream_in_another_cooperative_does_not_wait_for_it()
    {
        var stream = Guid.NewGuid();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = StreamGate.OneAtATimeAsync("coop-a", stream, () => release.Task, CancellationToken.None);

        var other = await StreamGate.OneAtATimeAsync("coop-b", stream, () => Task.FromResult("done"), CancellationToken.None).WaitAsync(Bound);

        release.SetResult();
        await holding.WaitAsync(Bound);
        Assert.Equal("done", other);
    }

    [Fact]
    public async Task A_decision_inside_a_turn_does_not_wait_even_on_its_own_stream()
    {
        var stream = Guid.NewGuid();

        var nested = await StreamGate.OneAtATimeAsync("coop-a", stream, () =>
            StreamGate.OneAtATimeAsync("coop-a", stream, () => Task.FromResult(42), CancellationToken.None), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(42, nested);
    }

    [Fact]
    public async Task A_failed_turn_lets_the_next_writer_in()
    {
        var stream = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StreamGate.OneAtATimeAsync("coop-a", stream, () => Task.FromException(new InvalidOperationException("conflict")), CancellationToken.None));
        var next = await StreamGate.OneAtATimeAsync("coop-a", stream, () => Task.FromResult(true), CancellationToken.None).WaitAsync(Bound);

        Assert.True(next);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
