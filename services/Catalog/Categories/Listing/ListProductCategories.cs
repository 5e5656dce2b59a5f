using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Categories.Listing;

internal static class ListProductCategoriesEndpoint
{
    /// <summary>Anyone reads the cooperative's category list, in order.</summary>
    public static void MapListProductCategories(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(CategoryResponse.From(await session.CategoryListAsync(cancellationToken)));
            })
            .AllowAnonymous()
            .WithName("ListProductCategories")
            .WithSummary("The cooperative's categories, in order, named in French and English; empty when it keeps none (then categories are free text).")
            .Produces<IReadOnlyList<CategoryResponse>>();
}
