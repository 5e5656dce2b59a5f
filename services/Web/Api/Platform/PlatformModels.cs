using System.Text.Json.Serialization;

namespace Marketplace.Web.Api.Platform;

// The Platform's answers and request bodies as the web app reads and writes them: each is held against the
// Platform's OpenAPI document (docs/openapi/platform.json) by tests/Marketplace.UnitTests/Web/ApiSchemaTests.cs.

public sealed record Cooperative(string Slug, string Name, string Country, string Currency, IReadOnlyList<string> Languages)
{
    public DateTimeOffset? OnboardedAt { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }
}

public sealed record CooperativesPage(IReadOnlyList<Cooperative> Items, int Page, int PageSize, long Total) : IPaged;

public sealed record NewCooperative(string Slug, string Name, string Country, string Currency, IReadOnlyList<string> Languages);

public sealed record Account(string Id, string Email, string DisplayName, string Language);

public sealed record NewAccount(string Email, string Password, string DisplayName, string Language);

public sealed record Membership(string AccountId, string Email, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>A member of the cooperative found by e-mail (POST .../memberships/lookup): whom a shop owner names a co-owner.</summary>
public sealed record MemberFound(Guid AccountId, string DisplayName);

public sealed record MembersPage(IReadOnlyList<Membership> Items, int Page, int PageSize, long Total) : IPaged;

/// <summary>The OAuth token endpoint's answer (OpenIddict's, in OAuth's snake_case: not in the OpenAPI document).</summary>
/// <summary>What the password grant came to: tokens, or a refusal; LockedFor when the address is locked by wrong passwords.</summary>
public sealed record SignInAnswer(Tokens? Tokens, TimeSpan? LockedFor = null);

public sealed record Tokens(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>A cooperative's legal page (notice, terms, privacy) in each language; null where not written in it.</summary>
public sealed record LegalPage(string Page, LegalPageText Text, DateTimeOffset UpdatedAt);

public sealed record LegalPageText(string? Fr, string? En);

public sealed record LegalPageWrite(string? Fr, string? En);
