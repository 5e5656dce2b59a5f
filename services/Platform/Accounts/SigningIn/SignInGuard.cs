using JasperFx;
using Marketplace.Platform.Notifications;
using Marten;
using Marten.Exceptions;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// Keeps <see cref="SignInAttempts"/> for the password grant: reads the lock, counts a failure (deciding again when
/// another replica counted one first), forgets the failures after a success. A lock of an address that has an
/// account mails its owner once, in the same transaction.
/// </summary>
internal sealed class SignInGuard(IDocumentStore store, NotificationMail mail, MailOutbox outbox, TimeProvider clock)
{
    private const int Attempts = 10;

    /// <summary>The address's failures so far (null: none since its last success).</summary>
    public async Task<SignInAttempts?> ReadAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<SignInAttempts>(normalizedEmail, cancellationToken);
    }

    public async Task<SignInVerdict> FailedAsync(string normalizedEmail, Account? account, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<SignInAttempts>(normalizedEmail, cancellationToken);
            var now = clock.GetUtcNow();
            var verdict = SignInThrottle.Failure(current, normalizedEmail, now);
            if (verdict is not SignInVerdict.Failed failed)
            {
                return verdict;
            }

            if (current is null)
            {
                session.Insert(failed.Attempts);
            }
            else
            {
                session.Store(failed.Attempts); // checked against the version just read
            }

            if (failed.LockedNow && account is not null)
            {
                session.Insert(SignInLockedMail.For(account, failed.Attempts.LockedUntil!.Value, mail.WebBaseUrl, now));
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (attempt < Attempts && IsConflict(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken);
                continue;
            }

            if (failed.LockedNow)
            {
                outbox.Wake();
                return new SignInVerdict.Locked(failed.Attempts.LockedUntil!.Value);
            }

            return verdict;
        }
    }

    public async Task SucceededAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Delete<SignInAttempts>(normalizedEmail);
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Another failure of the same address was saved first (a changed version, or a first failure inserted).</summary>
    private static bool IsConflict(Exception e) =>
        e is ConcurrencyException or DocumentAlreadyExistsException || (e.InnerException is { } inner && IsConflict(inner));
}
