using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// Where mails go and where their links point: configuration section "Marketplace" (WebBaseUrl, Smtp:Host/Port/From),
/// bound once and checked when the service is composed, so a wrong address fails the start instead of the first mail.
/// </summary>
public sealed class MailSettings : IValidatableObject
{
    public const string Section = "Marketplace";

    /// <summary>The web app's public address, which mailed links open (the local run's web app by default).</summary>
    public Uri WebBaseUrl { get; set; } = new("http://127.0.0.1:5104");

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary><see cref="WebBaseUrl"/> without its trailing slash, to append paths to.</summary>
    public string WebBase => WebBaseUrl.ToString().TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebBaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return new ValidationResult("Marketplace:WebBaseUrl is an absolute http(s) address.", [nameof(WebBaseUrl)]);
        }

        if (Smtp.Port is not (> 0 and <= 65535))
        {
            yield return new ValidationResult("Marketplace:Smtp:Port is 1 to 65535.", ["Smtp:Port"]);
        }

        if (!MailboxAddress.TryParse(Smtp.From, out _))
        {
            yield return new ValidationResult("Marketplace:Smtp:From is a mail address, e.g. Marketplace <no-reply@example.org>.", ["Smtp:From"]);
        }
    }
}

public sealed class SmtpSettings
{
    /// <summary>None: mails go to the log instead and count as sent (a bare local run).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "Marketplace <no-reply@marketplace.local>";
}
