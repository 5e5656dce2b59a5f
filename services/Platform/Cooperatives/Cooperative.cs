namespace Marketplace.Platform.Cooperatives;

public enum CooperativeStatus
{
    /// <summary>Claimed by an onboarding in progress: its slug is taken, it is not listed.</summary>
    Provisioning,
    Active,
}

/// <summary>The platform's record of a cooperative (tenant). Id = slug.</summary>
public sealed record Cooperative
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Country { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required string Database { get; init; }
    public required CooperativeStatus Status { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? OnboardedAt { get; init; }

    /// <summary>When a platform admin approved it for the platform's public list; null: not listed (it still works).</summary>
    public DateTimeOffset? ApprovedAt { get; init; }
}

/// <summary>Domain event of the platform store; the relay publishes it as the CooperativeOnboarded contract.</summary>
public sealed record CooperativeOnboarded(
    string Slug, string Name, string Country, string Currency, IReadOnlyList<string> Languages, DateTimeOffset OnboardedAt);

public sealed record CooperativeResponse(
    string Slug, string Name, string Country, string Currency, IReadOnlyList<string> Languages, DateTimeOffset? OnboardedAt, DateTimeOffset? ApprovedAt)
{
    public static CooperativeResponse From(Cooperative cooperative) => new(
        cooperative.Id, cooperative.Name, cooperative.Country, cooperative.Currency, cooperative.Languages, cooperative.OnboardedAt, cooperative.ApprovedAt);
}
