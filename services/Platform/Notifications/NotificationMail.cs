using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// Sends one mail over SMTP (<see cref="MailSettings"/>). Without a host (a bare local run) the mail goes to the
/// log instead and counts as sent.
/// </summary>
internal sealed partial class NotificationMail(IOptions<MailSettings> options, ILogger<NotificationMail> logger)
{
    private readonly MailSettings _settings = options.Value;

    public string WebBaseUrl => _settings.WebBase;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        SendAsync(mail.To, mail.ToName, mail.Subject, mail.Body, mail.Id, cancellationToken);

    /// <summary>One mail now; <paramref name="id"/>, when given, becomes its Message-Id (a resent mail keeps its id).</summary>
    public async Task SendAsync(string to, string toName, string subject, string body, string? id, CancellationToken cancellationToken)
    {
        if (_settings.Smtp.Host is not { Length: > 0 } host)
        {
            LogNoSmtp(to, subject, body);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_settings.Smtp.From));
        message.To.Add(new MailboxAddress(toName, to));
        message.Subject = subject;
        if (id is not null)
        {
            message.Headers.Add("Message-Id", $"<{Uri.EscapeDataString(id)}@marketplace>");
        }

        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        await client.ConnectAsync(host, _settings.Smtp.Port, SecureSocketOptions.Auto, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP server configured (Marketplace:Smtp:Host): mail to {Email}: {Subject}\n{Body}")]
    private partial void LogNoSmtp(string email, string subject, string body);
}
