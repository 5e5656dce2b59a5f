using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marten;

namespace Marketplace.Platform.Memberships.LookingUpMember;

/// <summary>The body of POST /api/coops/{coop}/memberships/lookup: the e-mail of the member to find.</summary>
public sealed record LookUpMember(string? Email)
{
    public const int MaxLength = 254;
}

internal sealed class LookUpMemberValidator : AbstractValidator<LookUpMember>
{
    public LookUpMemberValidator() =>
        RuleFor(l => l.Email).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(LookUpMember.MaxLength).EmailAddress().OverridePropertyName("email");
}

/// <summary>A member found by e-mail: who to name as a shop's co-owner, and the name to show.</summary>
public sealed record MemberFound(Guid AccountId, string DisplayName);

internal static class LookUpMemberEndpoint
{
    /// <summary>The roles that may look members up: those who run a shop, and the cooperative's admins (ADR 48).</summary>
    public static readonly IReadOnlyList<string> Allowed = [CooperativeRoles.ShopOwner, CooperativeRoles.Admin];

    public const string NotFound = "member.not_found";

    /// <summary>403 member.lookup_forbidden unless the caller is one of the cooperative's shop owners or admins; null when she may.</summary>
    public static IResult? RefusedUnlessAllowed(ClaimsPrincipal user, TenantId tenant) =>
        user.RolesIn(tenant).Any(Allowed.Contains)
            ? null
            : CodedProblems.Refused("member.lookup_forbidden", StatusCodes.Status403Forbidden, "Only the cooperative's shop owners and admins may look members up.");

    /// <summary>
    /// A shop owner (or an admin) finds a member of her cooperative by e-mail, to name her a co-owner. No account with that
    /// e-mail and an account that is not a member of this cooperative get the same 404: other cooperatives' accounts stay unseen.
    /// </summary>
    public static void MapLookUpMember(this RouteGroupBuilder group) =>
        group.MapPost("/lookup", async (string coop, LookUpMember request, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                if (RefusedUnlessAllowed(user, tenant) is { } refused)
                {
                    return refused;
                }

                var normalized = Account.Normalize(request.Email!);
                var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
                var membership = account is null ? null : await session.LoadAsync<Membership>(Membership.IdFor(tenant.Value, account.Id), cancellationToken);
                return account is null || membership is null
                    ? CodedProblems.Field("email", NotFound, "No member of this cooperative has this e-mail.", StatusCodes.Status404NotFound, "No such member.")
                    : Results.Ok(new MemberFound(account.Id, account.DisplayName));
            })
            .Validate<LookUpMember>()
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("LookUpMember")
            .WithSummary("Find a member of the cooperative by e-mail (its shop owners and admins only): to name a shop's co-owner.")
            .Produces<MemberFound>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
