using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;

namespace Marketplace.Platform.Cooperatives.Approving;

/// <summary>
/// A platform admin approves a cooperative for the platform's public list (or withdraws it). Anyone may create a
/// cooperative, and it works at once at its own address; the public list shows only the approved ones, so visitors
/// find real markets, not every trial. Approving twice keeps the first date; withdrawing an unlisted one changes nothing.
/// </summary>
internal static class ApproveCooperativeEndpoint
{
    public static void MapApproveCooperative(this RouteGroupBuilder group) =>
        group.MapPost("/{coop}/approval", (TenantId coop, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
                SetAsync(coop, store, c => c.ApprovedAt is null ? c with { ApprovedAt = clock.GetUtcNow() } : c, cancellationToken))
            .RequireAuthorization(CooperativeAuthorization.PlatformAdminPolicy)
            .WithName("ApproveCooperative")
            .WithSummary("List an active cooperative on the platform's public list (platform admins only; the same again changes nothing).")
            .Produces<CooperativeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<IResult> SetAsync(TenantId coop, IDocumentStore store, Func<Cooperative, Cooperative> change, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is not { Status: CooperativeStatus.Active } cooperative)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
        }

        var changed = change(cooperative);
        if (changed != cooperative)
        {
            session.Store(changed);
            await session.SaveChangesAsync(cancellationToken);
        }

        return Results.Ok(CooperativeResponse.From(changed));
    }
}
