namespace Marketplace.Platform.Accounts;

/// <summary>A person who signs in. The password hash is ASP.NET Core Identity's (PBKDF2, versioned format).</summary>
public sealed record Account
{
    public required Guid Id { get; init; }
    public required string Email { get; init; }

    /// <summary>Upper-case email, unique: "Ana@x.org" and "ana@X.org" are one account.</summary>
    public required string NormalizedEmail { get; init; }

    public required string DisplayName { get; init; }
    public required string Language { get; init; }
    public required string PasswordHash { get; init; }

    /// <summary>Changes when the password does: refresh tokens issued before stop working.</summary>
    public required Guid SecurityStamp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// False from sign-up until the link mailed then is opened. True by default: accounts stored before confirmation
    /// existed were never asked, and keep working.
    /// </summary>
    public bool EmailConfirmed { get; init; } = true;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

/// <summary>A signed-out session: refresh tokens carrying this session id are refused. Id = session id.</summary>
public sealed record RevokedSession(string Id, DateTimeOffset RevokedAt);

public sealed record AccountResponse(Guid Id, string Email, string DisplayName, string Language, bool EmailConfirmed)
{
    public static AccountResponse From(Account account) => new(account.Id, account.Email, account.DisplayName, account.Language, account.EmailConfirmed);
}

/// <summary>The rules of a password, shared by sign-up and reset.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    public const string Message = "The password has at least 10 characters and is not one character repeated.";

    public static bool IsAcceptable(string? password) =>
        password is { Length: >= MinimumLength } && password.Distinct().Count() > 1;
}

public static class Languages
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { "fr", "en" };
}
