using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Memberships.ListingMembers;
using Marten;

namespace Marketplace.Platform.Memberships.AddingMember;

public sealed record AddMember(string Email, string Role);

internal sealed class AddMemberValidator : AbstractValidator<AddMember>
{
    public AddMemberValidator()
    {
        RuleFor(a => a.Email).NotEmpty().MaximumLength(254);
        RuleFor(a => a.Role).NotEmpty().Must(CooperativeRoles.All.Contains).WithMessage("The role is one of: customer, shop_owner, member, admin.").WithErrorCode("membership.role");
    }
}

internal static class AddMemberEndpoint
{
    public static void MapAddMember(this RouteGroupBuilder group) =>
        group.MapPost("/", async (string coop, AddMember request, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                await using var session = store.LightweightSession();
                var normalized = Account.Normalize(request.Email);
                if (await session.Query<Account>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken) is not { } account)
                {
                    return CodedProblems.Field(
                        "email", "membership.no_account", "No account has this email; ask the person to sign up first.", StatusCodes.Status404NotFound, "No account has this email.");
                }

                var current = await session.LoadAsync<Membership>(Membership.IdFor(tenant.Value, account.Id), cancellationToken);
                if (Membership.Grant(current, tenant.Value, account.Id, request.Role) is not { } granted)
                {
                    return Results.Ok(MemberResponse.From(account, current!));
                }

                session.Record(granted, clock.GetUtcNow());
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created($"/api/coops/{tenant}/memberships", MemberResponse.From(account, granted));
            })
            .Validate<AddMember>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("AddMember")
            .WithSummary("Give an existing account a role in the cooperative (its admins only); it reaches the account's next token.")
            .Produces<MemberResponse>(StatusCodes.Status201Created)
            .Produces<MemberResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
