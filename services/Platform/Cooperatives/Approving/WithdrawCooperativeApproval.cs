using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;

namespace Marketplace.Platform.Cooperatives.Approving;

/// <summary>A platform admin takes a cooperative off the public list; it keeps working at its address.</summary>
internal static class WithdrawCooperativeApprovalEndpoint
{
    public static void MapWithdrawCooperativeApproval(this RouteGroupBuilder group) =>
        group.MapDelete("/{coop}/approval", (TenantId coop, IDocumentStore store, CancellationToken cancellationToken) =>
                ApproveCooperativeEndpoint.SetAsync(coop, store, c => c with { ApprovedAt = null }, cancellationToken))
            .RequireAuthorization(CooperativeAuthorization.PlatformAdminPolicy)
            .WithName("WithdrawCooperativeApproval")
            .WithSummary("Take a cooperative off the platform's public list (platform admins only); it keeps working at its address.")
            .Produces<CooperativeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
