using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Npgsql;

namespace Marketplace.Catalog.Search;

/// <summary>
/// A category a customer can browse with its count of visible products. <c>Name</c> is what the search's <c>category</c>
/// filter takes: the key of a category of the cooperative's list (then <c>Key</c> and <c>Names</c>, in French and English,
/// say how to show it), else the spelling shops typed most.
/// </summary>
public sealed record CategoryCount(string Name, long Count, string? Key = null, LocalizedText? Names = null);

internal static class ListCategoriesEndpoint
{
    /// <summary>
    /// The categories a customer can browse, with how many visible products each holds. Shops spell the same
    /// category differently ("Épicerie", "epicerie"): they count as one, under the spelling most products use. With a
    /// category list, its categories come first in its order, named in both languages, each counting the products typed
    /// with either of its names before the list existed.
    /// </summary>
    public static void MapListCategories(this RouteGroupBuilder group) =>
        group.MapGet("/categories", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var query = await sessions.OpenQueryAsync(coop, cancellationToken);
                var list = await query.Session.CategoryListAsync(cancellationToken);
                await using var command = new NpgsqlCommand(
                    $"""
                    select mode() within group (order by l.category), count(*)
                    from {SearchSchema.Listings} l join {SearchSchema.Shops} s on s.id = l.shop_id and s.approved
                    where l.active
                    group by l.category_key
                    order by l.category_key
                    """, query.Connection);
                var listed = new Dictionary<string, long>(StringComparer.Ordinal);
                var typed = new List<CategoryCount>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (name, count) = (reader.GetString(0), reader.GetInt64(1));
                    if (list?.Find(name) is { } category)
                    {
                        listed[category.Key] = listed.GetValueOrDefault(category.Key) + count;
                    }
                    else
                    {
                        typed.Add(new CategoryCount(name, count));
                    }
                }

                IEnumerable<CategoryCount> ofList = list is null
                    ? []
                    : list.Categories.Where(c => listed.ContainsKey(c.Key)).Select(c => new CategoryCount(c.Key, listed[c.Key], c.Key, c.Names()));
                return TypedResults.Ok(ofList.Concat(typed).ToList());
            })
            .AllowAnonymous()
            .WithName("ListCategories")
            .WithSummary("The categories of a cooperative's visible products, with their counts.")
            .Produces<List<CategoryCount>>();
}
