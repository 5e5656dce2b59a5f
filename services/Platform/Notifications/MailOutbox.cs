using JasperFx;
using Marten;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// Delivers the mails consumers wrote (<see cref="OutgoingMail"/>), woken by them and polling as a safety
/// net. A sender claims a mail first (optimistic concurrency: of two replicas one wins), sends it, then
/// records SentAt; a failure is retried later with a growing back-off. A crash between the send and the
/// record sends that one mail again after the claim lapses: SMTP offers nothing better than that.
/// </summary>
internal sealed partial class MailOutbox(IDocumentStore store, NotificationMail mail, TimeProvider clock, ILogger<MailOutbox> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    /// <summary>Sent mails hold personal data (addresses, questions): kept a week for support, then deleted.</summary>
    public static readonly TimeSpan KeepSent = TimeSpan.FromDays(7);
    private const int Batch = 50;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset _forgotAt = DateTimeOffset.MinValue;

    /// <summary>Something was written: deliver now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == Batch)
                {
                }

                await ForgetOldAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCycleFailed(e);
            }

            try
            {
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>How many mails were due.</returns>
    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<OutgoingMail> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<OutgoingMail>()
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.CreatedAt)
                .Take(Batch)
                .ToListAsync(cancellationToken);
        }

        foreach (var candidate in due)
        {
            if (await ClaimAsync(candidate.Id, cancellationToken) is not { } claimed)
            {
                continue;
            }

            try
            {
                await mail.SendAsync(claimed, cancellationToken);
                await UpdateAsync(claimed.Id, m => m with { SentAt = clock.GetUtcNow() }, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks << Math.Min(claimed.Attempts, 16), MaxBackoff.Ticks));
                LogSendFailed(e, claimed.Id, claimed.Attempts, backoff);
                await UpdateAsync(claimed.Id, m => m with { NextAttemptAt = clock.GetUtcNow() + backoff }, cancellationToken);
            }
        }

        return due.Count;
    }

    private async Task ForgetOldAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _forgotAt < TimeSpan.FromHours(1))
        {
            return;
        }

        _forgotAt = now;
        var before = now - KeepSent;
        await using var session = store.LightweightSession();
        session.DeleteWhere<OutgoingMail>(m => m.SentAt != null && m.SentAt < before);
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task<OutgoingMail?> ClaimAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await UpdateAsync(
            id,
            m => m.SentAt is null && m.NextAttemptAt <= now ? m with { NextAttemptAt = now + ClaimFor, Attempts = m.Attempts + 1 } : null,
            cancellationToken);
    }

    /// <summary>Loads, changes and stores one mail under optimistic concurrency; null when someone else changed it first.</summary>
    private async Task<OutgoingMail?> UpdateAsync(string id, Func<OutgoingMail, OutgoingMail?> change, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<OutgoingMail>(id, cancellationToken) is not { } current || change(current) is not { } changed)
        {
            return null;
        }

        session.Store(changed);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return changed;
        }
        catch (ConcurrencyException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} could not be sent (attempt {Attempt}); retrying in {Backoff}")]
    private partial void LogSendFailed(Exception exception, string mailId, int attempt, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail outbox cycle failed; retrying at the next poll")]
    private partial void LogCycleFailed(Exception exception);
}
