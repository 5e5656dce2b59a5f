using Marketplace.Platform.Accounts;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// A mail to send, written in the same transaction as the message that caused it (the mail outbox):
/// a redelivered message finds it already there and adds nothing. Id = consumer key + recipient, so one
/// message mails one person once. <see cref="MailOutbox"/> delivers it and records SentAt.
/// </summary>
public sealed record OutgoingMail
{
    public required string Id { get; init; }
    public required Guid AccountId { get; init; }
    public required string To { get; init; }
    public required string ToName { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not before this time: a claim by one sender (so replicas do not both send it) or a back-off after a failure.</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    public int Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The language an account reads its mail in: its own when we write that one, else English.</summary>
    public static string LanguageOf(Account account) => Languages.Supported.Contains(account.Language) ? account.Language : "en";

    /// <summary>A mail to an account, due now; <paramref name="key"/> names the message that caused it.</summary>
    public static OutgoingMail ToAccount(string key, Account account, (string Subject, string Body) text, DateTimeOffset now) => new()
    {
        Id = $"{key}:{account.Id}",
        AccountId = account.Id,
        To = account.Email,
        ToName = account.DisplayName,
        Subject = text.Subject,
        Body = text.Body,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
