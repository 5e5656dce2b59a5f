namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// The failed sign-ins in a row for one e-mail address, whether or not it has an account (so a lock tells nobody
/// that it does). Id = the normalized e-mail. Stored under optimistic concurrency: of two failures decided on the
/// same count, one is decided again, so every failure counts once whichever replica answered it. A success
/// (or a password reset) deletes it.
/// </summary>
public sealed record SignInAttempts
{
    public required string Id { get; init; }

    /// <summary>Failed sign-ins since the last success, locks included.</summary>
    public int Failures { get; init; }

    /// <summary>How many locks this run of failures has caused: the next one lasts twice as long.</summary>
    public int Locks { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>What one password grant comes to, before any password was checked or after a wrong one.</summary>
public abstract record SignInVerdict
{
    /// <summary>Locked: refused without checking the password, even the right one.</summary>
    public sealed record Locked(DateTimeOffset Until) : SignInVerdict;

    /// <summary>A wrong password (or no such account) counted; <paramref name="Attempts"/> is what to store.</summary>
    public sealed record Failed(SignInAttempts Attempts, bool LockedNow) : SignInVerdict;
}

/// <summary>
/// The throttle of the password grant: after <see cref="Threshold"/> failures in a row, the address is locked for
/// <see cref="FirstLock"/>; every further failure once a lock has passed locks it again for twice as long, up to
/// <see cref="LongestLock"/>. Failures during a lock are not counted (nothing is checked then), so a lock ends at
/// the time it announced.
/// </summary>
public static class SignInThrottle
{
    public const int Threshold = 5;
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLock = TimeSpan.FromHours(1);

    /// <summary>Before the password is checked: locked, or free to try (null).</summary>
    public static SignInVerdict.Locked? Before(SignInAttempts? attempts, DateTimeOffset now) =>
        attempts?.LockedUntil is { } until && until > now ? new SignInVerdict.Locked(until) : null;

    /// <summary>After a wrong password: locked already (by a concurrent failure), or this failure counted.</summary>
    public static SignInVerdict Failure(SignInAttempts? attempts, string normalizedEmail, DateTimeOffset now)
    {
        if (Before(attempts, now) is { } locked)
        {
            return locked;
        }

        var failures = (attempts?.Failures ?? 0) + 1;
        var current = attempts ?? new SignInAttempts { Id = normalizedEmail };
        if (failures < Threshold)
        {
            return new SignInVerdict.Failed(current with { Failures = failures }, LockedNow: false);
        }

        var locks = current.Locks + 1;
        return new SignInVerdict.Failed(current with { Failures = failures, Locks = locks, LockedUntil = now + LockFor(locks) }, LockedNow: true);
    }

    /// <summary>The n-th lock (from 1) of a run of failures: 1, 2, 4, 8… minutes, at most <see cref="LongestLock"/>.</summary>
    public static TimeSpan LockFor(int lockNumber) =>
        TimeSpan.FromTicks(Math.Min(FirstLock.Ticks << Math.Clamp(lockNumber - 1, 0, 20), LongestLock.Ticks));
}
