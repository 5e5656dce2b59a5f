using Marketplace.Platform.Accounts.SigningIn;

namespace Marketplace.UnitTests.Platform.Accounts;

public class SignInThrottleTests
{
    private const string Email = "ANA@EXAMPLE.ORG";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Four_failures_are_counted_without_a_lock()
    {
        SignInAttempts? attempts = null;
        for (var i = 1; i <= 4; i++)
        {
            var failed = Assert.IsType<SignInVerdict.Failed>(SignInThrottle.Failure(attempts, Email, Now));
            Assert.False(failed.LockedNow);
            attempts = failed.Attempts;
        }

        Assert.Equal((Email, 4, 0, (DateTimeOffset?)null), (attempts!.Id, attempts.Failures, attempts.Locks, attempts.LockedUntil));
        Assert.Null(SignInThrottle.Before(attempts, Now));
    }

    [Fact]
    public void The_fifth_failure_locks_for_a_minute()
    {
        var attempts = new SignInAttempts { Id = Email, Failures = 4 };

        var failed = Assert.IsType<SignInVerdict.Failed>(SignInThrottle.Failure(attempts, Email, Now));

        Assert.True(failed.LockedNow);
        Assert.Equal(Now.AddMinutes(1), failed.Attempts.LockedUntil);
        Assert.Equal(new SignInVerdict.Locked(Now.AddMinutes(1)), SignInThrottle.Before(failed.Attempts, Now.AddSeconds(59)));
        Assert.Null(SignInThrottle.Before(failed.Attempts, Now.AddMinutes(1)));
    }

    [Fact]
    public void A_failure_while_locked_is_not_counted()
    {
        var locked = new SignInAttempts { Id = Email, Failures = 5, Locks = 1, LockedUntil = Now.AddSeconds(30) };

        Assert.Equal(new SignInVerdict.Locked(Now.AddSeconds(30)), SignInThrottle.Failure(locked, Email, Now));
    }

    [Fact]
    public void A_failure_after_a_lock_locks_again_for_twice_as_long()
    {
        var expired = new SignInAttempts { Id = Email, Failures = 5, Locks = 1, LockedUntil = Now.AddSeconds(-1) };

        var failed = Assert.IsType<SignInVerdict.Failed>(SignInThrottle.Failure(expired, Email, Now));

        Assert.Equal((6, 2, Now.AddMinutes(2)), (failed.Attempts.Failures, failed.Attempts.Locks, failed.Attempts.LockedUntil));
        Assert.True(failed.LockedNow);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Locks_double_up_to_an_hour(int lockNumber, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInThrottle.LockFor(lockNumber));

    [Fact]
    public void Lock_texts_say_when_to_try_again_in_french_and_english()
    {
        var until = new DateTimeOffset(2026, 12, 3, 9, 4, 0, TimeSpan.Zero);

        Assert.Contains("jusqu'à 09:04 UTC (réessayez dans 4 min)", SignInLockedText.Describe("fr", until, 4), StringComparison.Ordinal);
        Assert.Contains("until 09:04 UTC (try again in 4 min)", SignInLockedText.Describe("en", until, 4), StringComparison.Ordinal);
        Assert.Contains("09:04 (UTC)", SignInLockedMail.Compose("fr", "Léa", until, "https://web/fr/forgot-password").Body, StringComparison.Ordinal);
        Assert.Contains("https://web/en/forgot-password", SignInLockedMail.Compose("en", "Sam", until, "https://web/en/forgot-password").Body, StringComparison.Ordinal);
    }
}
