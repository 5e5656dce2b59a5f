using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Categories.Renaming;

internal static class RenameProductCategoryEndpoint
{
    /// <summary>An admin renames a category in French and English; its key stays, its products are found by the new names.</summary>
    public static void MapRenameProductCategory(this RouteGroupBuilder group) =>
        group.MapPut("/{key}", (TenantId coop, string key, CategoryRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                CategoryChanges.ChangeAsync(sessions, coop, list =>
                {
                    var index = list.Categories.FindIndex(c => c.Key == key);
                    if (index < 0)
                    {
                        return (CategoryChanges.NoSuchCategory(), null);
                    }

                    var (fr, en) = CategoryChanges.Names(request);
                    if (CategoryChanges.NameTaken(list, fr, en, key) is { } taken)
                    {
                        return (taken, null);
                    }

                    list.Categories[index] = list.Categories[index] with { Fr = fr, En = en };
                    return (null, list.Categories[index]);
                }, created: false, cancellationToken, alongside: (session, renamed) => Search.ProductSearchProjection.Renamed(session, renamed)))
            .Validate<CategoryRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RenameProductCategory")
            .WithSummary("An admin renames a category in French and English; its key, and the products in it, stay.")
            .Produces<CategoryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
