using Marketplace.Contracts;
using Marten;

namespace Marketplace.Platform.Cooperatives.Getting;

internal static class GetCooperativeEndpoint
{
    /// <summary>Public: an active cooperative's name, languages and currency (404 for one being prepared, removed or unknown).</summary>
    public static void MapGetCooperative(this RouteGroupBuilder group) =>
        group.MapGet("/{coop}", async Task<IResult> (TenantId coop, IQuerySession session, CancellationToken cancellationToken) =>
                await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is { Status: CooperativeStatus.Active } cooperative
                    ? Results.Ok(CooperativeResponse.From(cooperative))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative."))
            .AllowAnonymous()
            .WithName("GetCooperative")
            .Produces<CooperativeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
