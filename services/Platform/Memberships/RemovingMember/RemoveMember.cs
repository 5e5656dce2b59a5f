using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;

namespace Marketplace.Platform.Memberships.RemovingMember;

internal static class RemoveMemberEndpoint
{
    /// <summary>
    /// An admin removes a member and all her roles (ADR 46): 404 when the account is not a member, 409
    /// membership.last_admin for the cooperative's last admin. Her next token carries no role here.
    /// </summary>
    public static void MapRemoveMember(this RouteGroupBuilder group) =>
        group.MapDelete("/{accountId:guid}", async (string coop, Guid accountId, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                await using var session = store.LightweightSession();
                if (await MembershipChanges.LockAndLoadAsync(session, tenant, accountId, cancellationToken) is not { } current)
                {
                    return MembershipChanges.NoSuchMember();
                }

                if (await MembershipChanges.IsLastAdminAsync(session, current, cancellationToken))
                {
                    return MembershipChanges.KeepsAnAdmin();
                }

                session.Remove(current, clock.GetUtcNow());
                await session.SaveChangesAsync(cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RemoveMember")
            .WithSummary("Remove a member and her roles from the cooperative (its admins only; never its last admin); it reaches the account's next token.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
