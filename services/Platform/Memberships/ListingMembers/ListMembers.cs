using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marten;

namespace Marketplace.Platform.Memberships.ListingMembers;

public sealed record MemberResponse(Guid AccountId, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public static MemberResponse From(Account account, Membership membership) => new(account.Id, account.Email, account.DisplayName, membership.Roles);
}

internal static class ListMembersEndpoint
{
    public static void MapListMembers(this RouteGroupBuilder group) =>
        group.MapGet("/", async (string coop, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                var memberships = await session.Query<Membership>().Where(m => m.Cooperative == tenant.Value).ToListAsync(cancellationToken);
                var accounts = (await session.LoadManyAsync<Account>(cancellationToken, memberships.Select(m => m.AccountId))).ToDictionary(a => a.Id);
                return Results.Ok(memberships
                    .Where(m => accounts.ContainsKey(m.AccountId))
                    .Select(m => MemberResponse.From(accounts[m.AccountId], m))
                    .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
                    .ToList());
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ListMembers")
            .WithSummary("The cooperative's members and their roles (its admins only).")
            .Produces<List<MemberResponse>>();
}
