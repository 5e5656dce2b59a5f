namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>
/// The real clock moved by Offset, which a test changes to jump days ahead (or to start in the past); its timers run in
/// real time, so a sweeper on it keeps ticking every second while its "now" jumps.
/// </summary>
public sealed class ShiftedClock(TimeSpan offset = default) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
