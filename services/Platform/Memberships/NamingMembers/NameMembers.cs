using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Memberships.LookingUpMember;
using Marten;

namespace Marketplace.Platform.Memberships.NamingMembers;

/// <summary>The body of POST /api/coops/{coop}/memberships/names: the accounts whose names to show (a shop's owners).</summary>
public sealed record NameMembers(IReadOnlyList<Guid>? AccountIds)
{
    public const int MaxCount = 50;
}

internal sealed class NameMembersValidator : AbstractValidator<NameMembers>
{
    public NameMembersValidator() =>
        RuleFor(n => n.AccountIds).Cascade(CascadeMode.Stop).NotNull()
            .Must(ids => ids!.Count <= NameMembers.MaxCount).WithMessage($"At most {NameMembers.MaxCount} accounts.").WithErrorCode("length")
            .OverridePropertyName("accountIds");
}

internal static class NameMembersEndpoint
{
    /// <summary>
    /// The names of the given accounts that are members of this cooperative, for its shop owners and admins (the roles that
    /// may look a member up, ADR 48): a shop's owners page names its co-owners in one call. An account that is not a member
    /// is left out, as if unknown.
    /// </summary>
    public static void MapNameMembers(this RouteGroupBuilder group) =>
        group.MapPost("/names", async (string coop, NameMembers request, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                if (LookUpMemberEndpoint.RefusedUnlessAllowed(user, tenant) is { } refused)
                {
                    return refused;
                }

                var ids = request.AccountIds!.Distinct().ToList();
                var members = (await session.LoadManyAsync<Membership>(cancellationToken, ids.Select(id => Membership.IdFor(tenant.Value, id)))).Select(m => m.AccountId).ToHashSet();
                IReadOnlyList<Account> accounts = members.Count == 0 ? [] : await session.LoadManyAsync<Account>(cancellationToken, members);
                return Results.Ok(accounts.Select(a => new MemberFound(a.Id, a.DisplayName)).OrderBy(m => ids.IndexOf(m.AccountId)).ToList());
            })
            .Validate<NameMembers>()
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("NameMembers")
            .WithSummary("The names of the given accounts that are members of the cooperative (its shop owners and admins only): a shop's co-owners.")
            .Produces<IReadOnlyList<MemberFound>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
