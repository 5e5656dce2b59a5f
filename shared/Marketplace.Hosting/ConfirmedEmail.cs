namespace Marketplace.Hosting;

/// <summary>
/// Whether the account's e-mail address is confirmed: the Platform says so in every token it issues
/// (<c>email_verified</c>, read afresh at every grant, so the first refresh after confirming says true).
/// </summary>
public static class ConfirmedEmail
{
    public const string Claim = "email_verified";

}
