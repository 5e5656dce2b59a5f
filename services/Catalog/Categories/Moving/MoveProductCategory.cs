using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Categories.Moving;

internal static class MoveProductCategoryEndpoint
{
    /// <summary>An admin moves a category to a position.</summary>
    public static void MapMoveProductCategory(this RouteGroupBuilder group) =>
        group.MapPut("/{key}/position", (TenantId coop, string key, CategoryPositionRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                CategoryChanges.ChangeAsync(sessions, coop, list =>
                {
                    var index = list.Categories.FindIndex(c => c.Key == key);
                    if (index < 0)
                    {
                        return (CategoryChanges.NoSuchCategory(), null);
                    }

                    var category = list.Categories[index];
                    list.Categories.RemoveAt(index);
                    list.Categories.Insert(Math.Min(request.Position!.Value, list.Categories.Count), category);
                    return (null, category);
                }, created: false, cancellationToken))
            .Validate<CategoryPositionRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("MoveProductCategory")
            .WithSummary("An admin moves a category to a position (0 is first; beyond the end is last).")
            .Produces<CategoryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
