using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// Sends one mail over SMTP (Marketplace:Smtp:Host/Port/From, as the password reset mail). Without a host
/// (a bare local run) the mail goes to the log instead and counts as sent.
/// </summary>
internal sealed partial class NotificationMail(IConfiguration configuration, ILogger<NotificationMail> logger)
{
    public string WebBaseUrl => (configuration["Marketplace:WebBaseUrl"] ?? "http://127.0.0.1:5200").TrimEnd('/');

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var smtp = configuration.GetSection("Marketplace:Smtp");
        if (smtp["Host"] is not { Length: > 0 } host)
        {
            LogNoSmtp(mail.To, mail.Subject, mail.Body);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp["From"] ?? "Marketplace <no-reply@marketplace.local>"));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        message.Subject = mail.Subject;
        message.Headers.Add("Message-Id", $"<{Uri.EscapeDataString(mail.Id)}@marketplace>");
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        await client.ConnectAsync(host, int.TryParse(smtp["Port"], out var port) ? port : 25, SecureSocketOptions.Auto, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP server configured (Marketplace:Smtp:Host): mail to {Email}: {Subject}\n{Body}")]
    private partial void LogNoSmtp(string email, string subject, string body);
}
