namespace Marketplace.Platform.Memberships;

/// <summary>An account's roles in one cooperative. Id = "{coop}/{accountId}": one document per pair.</summary>
public sealed record Membership
{
    public required string Id { get; init; }
    public required string Cooperative { get; init; }
    public required Guid AccountId { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }

    public static string IdFor(string cooperative, Guid accountId) => $"{cooperative}/{accountId}";

    /// <summary>The membership with <paramref name="role"/> added; null when it already holds it.</summary>
    public static Membership? Grant(Membership? current, string cooperative, Guid accountId, params string[] roles)
    {
        var held = current?.Roles ?? [];
        var missing = roles.Where(role => !held.Contains(role)).ToArray();
        if (current is not null && missing.Length == 0)
        {
            return null;
        }

        return new Membership
        {
            Id = IdFor(cooperative, accountId),
            Cooperative = cooperative,
            AccountId = accountId,
            Roles = [.. CooperativeRoles.All.Where(role => held.Contains(role) || missing.Contains(role))],
        };
    }
}

public static class CooperativeRoles
{
    public const string Customer = "customer";
    public const string ShopOwner = "shop_owner";
    public const string Member = "member";
    public const string Admin = "admin";

    /// <summary>In the order they are listed.</summary>
    public static readonly IReadOnlyList<string> All = [Customer, ShopOwner, Member, Admin];
}
