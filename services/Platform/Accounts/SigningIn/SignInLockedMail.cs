using System.Globalization;
using Marketplace.Platform.Notifications;

namespace Marketplace.Platform.Accounts.SigningIn;

/// <summary>
/// To an account's owner when its address gets locked by wrong passwords: once per lock, through the mail outbox
/// (written in the transaction that records the lock, so a lock decided twice mails once).
/// </summary>
public static class SignInLockedMail
{
    public static OutgoingMail For(Account account, DateTimeOffset lockedUntil, string webBaseUrl, DateTimeOffset now)
    {
        var language = OutgoingMail.LanguageOf(account);
        var key = $"sign-in-locked:{lockedUntil.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return OutgoingMail.ToAccount(key, account, Compose(language, account.DisplayName, lockedUntil, $"{webBaseUrl}/{language}/forgot-password"), now);
    }

    public static (string Subject, string Body) Compose(string language, string name, DateTimeOffset lockedUntil, string resetLink) => language switch
    {
        "fr" => ("Connexion bloquée après plusieurs mots de passe erronés",
            $"Bonjour {name},\n\nQuelqu'un a essayé plusieurs fois de se connecter à votre compte avec un mauvais mot de passe. " +
            $"Par précaution, la connexion est bloquée jusqu'à {lockedUntil.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} (UTC), même avec le bon mot de passe.\n\n" +
            $"Si ce n'était pas vous, choisissez un nouveau mot de passe :\n{resetLink}\n"),
        _ => ("Sign-in locked after several wrong passwords",
            $"Hello {name},\n\nSomeone tried several times to sign in to your account with a wrong password. " +
            $"To be safe, signing in is locked until {lockedUntil.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} (UTC), even with the right password.\n\n" +
            $"If it was not you, choose a new password:\n{resetLink}\n"),
    };
}

/// <summary>What the token endpoint says while an address is locked, in French or English.</summary>
public static class SignInLockedText
{
    /// <summary>The code beside the OAuth error (invalid_grant), for clients that word the refusal themselves.</summary>
    public const string Code = "account.sign_in_locked";

    public static string Describe(string language, DateTimeOffset until, int minutes)
    {
        var at = until.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        return language == "fr"
            ? $"Trop de mots de passe erronés pour cette adresse : la connexion est bloquée jusqu'à {at} UTC (réessayez dans {minutes} min). Pour la débloquer tout de suite, réinitialisez votre mot de passe."
            : $"Too many wrong passwords for this address: signing in is locked until {at} UTC (try again in {minutes} min). To unlock it now, reset your password.";
    }
}
