using Marketplace.Contracts;
using Marten;

namespace Marketplace.Platform.Cooperatives.Listing;

internal static class ListCooperativesEndpoints
{
    /// <summary>Public: the platform's home page lists the cooperatives people can join.</summary>
    public static void MapListCooperatives(this RouteGroupBuilder group)
    {
        group.MapGet("/", async (IQuerySession session, CancellationToken cancellationToken) =>
            {
                var cooperatives = await session.Query<Cooperative>()
                    .Where(c => c.Status == CooperativeStatus.Active)
                    .OrderBy(c => c.Name)
                    .ToListAsync(cancellationToken);
                return cooperatives.Select(CooperativeResponse.From).ToList();
            })
            .AllowAnonymous()
            .WithName("ListCooperatives");

        group.MapGet("/{coop}", async Task<IResult> (TenantId coop, IQuerySession session, CancellationToken cancellationToken) =>
                await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is { Status: CooperativeStatus.Active } cooperative
                    ? Results.Ok(CooperativeResponse.From(cooperative))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative."))
            .AllowAnonymous()
            .WithName("GetCooperative")
            .Produces<CooperativeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
