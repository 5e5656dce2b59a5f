using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketplace.Platform.Accounts.ResettingPassword;

/// <summary>
/// The reset mail, in the account's language, over SMTP (Marketplace:Smtp:Host/Port/From). Without a
/// host (a bare local run) the link goes to the log instead.
/// </summary>
internal sealed partial class PasswordResetMail(IConfiguration configuration, ILogger<PasswordResetMail> logger)
{
    public async Task SendAsync(Account account, string token, CancellationToken cancellationToken)
    {
        var baseUrl = (configuration["Marketplace:WebBaseUrl"] ?? "http://127.0.0.1:5200").TrimEnd('/');
        var link = $"{baseUrl}/{account.Language}/reset-password?email={Uri.EscapeDataString(account.Email)}&token={Uri.EscapeDataString(token)}";
        var (subject, body) = Compose(account.Language, account.DisplayName, link);

        var smtp = configuration.GetSection("Marketplace:Smtp");
        if (smtp["Host"] is not { Length: > 0 } host)
        {
            LogNoSmtp(account.Email, link);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp["From"] ?? "Marketplace <no-reply@marketplace.local>"));
        message.To.Add(new MailboxAddress(account.DisplayName, account.Email));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        await client.ConnectAsync(host, int.TryParse(smtp["Port"], out var port) ? port : 25, SecureSocketOptions.Auto, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public static (string Subject, string Body) Compose(string language, string name, string link) => language switch
    {
        "fr" => ("Réinitialiser votre mot de passe",
            $"Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message.\n"),
        _ => ("Reset your password",
            $"Hello {name},\n\nTo choose a new password, open this link (valid for one hour, once):\n{link}\n\nIf you did not ask for this, ignore this message.\n"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP server configured (Marketplace:Smtp:Host): password reset link for {Email}: {Link}")]
    private partial void LogNoSmtp(string email, string link);
}
