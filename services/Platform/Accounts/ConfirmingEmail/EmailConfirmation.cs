using System.Security.Cryptography;
using Marketplace.Platform.Notifications;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Platform.Accounts.ConfirmingEmail;

/// <summary>
/// An outstanding confirmation of an account's e-mail address. Id = SHA-256 of the token mailed (32 random bytes),
/// so the store never holds a usable token. Single use: confirming deletes every one of the account's.
/// </summary>
public sealed record EmailConfirmation(string Id, Guid AccountId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    /// <summary>A new confirmation and its mail (through the mail outbox, in the same transaction as what caused it).</summary>
    public static (EmailConfirmation Confirmation, OutgoingMail Mail) For(Account account, string webBaseUrl, DateTimeOffset now)
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var confirmation = new EmailConfirmation(Hash(token), account.Id, now, now + Lifetime);
        var language = OutgoingMail.LanguageOf(account);
        var link = $"{webBaseUrl}/{language}/confirm-email?token={Uri.EscapeDataString(token)}";
        // The key names this confirmation (a prefix of its hash), so a resend is another mail.
        var mail = OutgoingMail.ToAccount($"email-confirmation:{confirmation.Id[..16]}", account, Compose(language, account.DisplayName, link), now);
        return (confirmation, mail);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static (string Subject, string Body) Compose(string language, string name, string link) => language switch
    {
        "fr" => ("Confirmez votre adresse e-mail",
            $"Bonjour {name},\n\nPour confirmer votre adresse e-mail, ouvrez ce lien (valable deux jours, une seule fois) :\n{link}\n\n" +
            "Vous pourrez ensuite créer une coopérative ou inscrire une boutique. Si vous n'avez pas créé de compte, ignorez ce message.\n"),
        _ => ("Confirm your e-mail address",
            $"Hello {name},\n\nTo confirm your e-mail address, open this link (valid for two days, once):\n{link}\n\n" +
            "You can then create a cooperative or register a shop. If you did not create an account, ignore this message.\n"),
    };
}
