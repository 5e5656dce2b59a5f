using Marten;

namespace Marketplace.Platform.Cooperatives.Listing;

internal static class ListCooperativesEndpoint
{
    /// <summary>Public: the platform's home page lists the cooperatives people can join.</summary>
    public static void MapListCooperatives(this RouteGroupBuilder group) =>
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
}
