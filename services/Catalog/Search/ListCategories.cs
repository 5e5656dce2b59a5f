using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Npgsql;

namespace Marketplace.Catalog.Search;

public sealed record CategoryCount(string Name, long Count);

internal static class ListCategoriesEndpoint
{
    /// <summary>
    /// The categories a customer can browse, with how many visible products each holds. Shops spell the same
    /// category differently ("Épicerie", "epicerie"): they count as one, under the spelling most products use.
    /// </summary>
    public static void MapListCategories(this RouteGroupBuilder group) =>
        group.MapGet("/categories", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                await using var connection = session.Database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand(
                    $"""
                    select mode() within group (order by l.category), count(*)
                    from {SearchSchema.Listings} l join {SearchSchema.Shops} s on s.id = l.shop_id and s.approved
                    where l.active
                    group by l.category_key
                    order by l.category_key
                    """, connection);
                var categories = new List<CategoryCount>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    categories.Add(new CategoryCount(reader.GetString(0), reader.GetInt64(1)));
                }

                return TypedResults.Ok(categories);
            })
            .AllowAnonymous()
            .WithName("ListCategories")
            .WithSummary("The categories of a cooperative's visible products, with their counts.")
            .Produces<List<CategoryCount>>();
}
