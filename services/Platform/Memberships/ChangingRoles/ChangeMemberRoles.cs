using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Memberships.ListingMembers;
using Marten;

namespace Marketplace.Platform.Memberships.ChangingRoles;

/// <summary>The body of PUT /api/coops/{coop}/memberships/{accountId}: the member's roles, all of them.</summary>
public sealed record ChangeMemberRoles(IReadOnlyList<string>? Roles);

internal sealed class ChangeMemberRolesValidator : AbstractValidator<ChangeMemberRoles>
{
    public ChangeMemberRolesValidator()
    {
        RuleFor(c => c.Roles).NotEmpty(); // a member keeps at least one role: removing her is DELETE
        RuleForEach(c => c.Roles).Must(role => CooperativeRoles.All.Contains(role))
            .WithMessage("The role is one of: customer, shop_owner, member, admin.").WithErrorCode("membership.role").OverridePropertyName("roles");
    }
}

internal static class ChangeMemberRolesEndpoint
{
    /// <summary>
    /// An admin replaces a member's roles (ADR 46): 404 when the account is not a member, 409 membership.last_admin when
    /// it would take the admin role from the cooperative's last admin. A role taken reaches the member's next token.
    /// </summary>
    public static void MapChangeMemberRoles(this RouteGroupBuilder group) =>
        group.MapPut("/{accountId:guid}", async (string coop, Guid accountId, ChangeMemberRoles request, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                await using var session = store.LightweightSession();
                if (await MembershipChanges.LockAndLoadAsync(session, tenant, accountId, cancellationToken) is not { } current
                    || await session.LoadAsync<Account>(accountId, cancellationToken) is not { } account)
                {
                    return MembershipChanges.NoSuchMember();
                }

                var roles = CooperativeRoles.All.Where(request.Roles!.Contains).ToList();
                if (roles.SequenceEqual(current.Roles))
                {
                    return Results.Ok(MemberResponse.From(account, current));
                }

                if (!roles.Contains(CooperativeRoles.Admin) && await MembershipChanges.IsLastAdminAsync(session, current, cancellationToken))
                {
                    return MembershipChanges.KeepsAnAdmin();
                }

                var changed = new Membership { Id = current.Id, Cooperative = current.Cooperative, AccountId = current.AccountId, Roles = roles };
                session.Record(changed, clock.GetUtcNow());
                await session.SaveChangesAsync(cancellationToken);
                return Results.Ok(MemberResponse.From(account, changed));
            })
            .Validate<ChangeMemberRoles>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ChangeMemberRoles")
            .WithSummary("Replace a member's roles (the cooperative's admins only; never leaving it without an admin); it reaches the account's next token.")
            .Produces<MemberResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
