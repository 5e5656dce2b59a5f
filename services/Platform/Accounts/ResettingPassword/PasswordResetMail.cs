using Marketplace.Platform.Notifications;

namespace Marketplace.Platform.Accounts.ResettingPassword;

/// <summary>The reset mail, in the account's language, sent at once (not through the outbox: the link is valid for an hour).</summary>
internal sealed class PasswordResetMail(NotificationMail mail)
{
    public Task SendAsync(Account account, string token, CancellationToken cancellationToken)
    {
        var link = $"{mail.WebBaseUrl}/{account.Language}/reset-password?email={Uri.EscapeDataString(account.Email)}&token={Uri.EscapeDataString(token)}";
        var (subject, body) = Compose(account.Language, account.DisplayName, link);
        return mail.SendAsync(account.Email, account.DisplayName, subject, body, id: null, cancellationToken);
    }

    public static (string Subject, string Body) Compose(string language, string name, string link) => language switch
    {
        "fr" => ("Réinitialiser votre mot de passe",
            $"Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message.\n"),
        _ => ("Reset your password",
            $"Hello {name},\n\nTo choose a new password, open this link (valid for one hour, once):\n{link}\n\nIf you did not ask for this, ignore this message.\n"),
    };
}
