using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Categories.Creating;

internal static class CreateProductCategoryEndpoint
{
    /// <summary>An admin adds a category at the end of the list.</summary>
    public static void MapCreateProductCategory(this RouteGroupBuilder group) =>
        group.MapPost("/", (TenantId coop, CategoryRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                CategoryChanges.ChangeAsync(sessions, coop, list =>
                {
                    var (fr, en) = CategoryChanges.Names(request);
                    if (CategoryChanges.NameTaken(list, fr, en, null) is { } taken)
                    {
                        return (taken, null);
                    }

                    if (list.Categories.Count >= CategoryList.MaxCategories)
                    {
                        return (CodedProblems.Refused("category.too_many", StatusCodes.Status409Conflict, $"A cooperative keeps at most {CategoryList.MaxCategories} categories."), null);
                    }

                    var category = new ListedCategory(list.NewKey(fr), fr, en);
                    list.Categories.Add(category);
                    return (null, category);
                }, created: true, cancellationToken))
            .Validate<CategoryRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("CreateProductCategory")
            .WithSummary("An admin adds a category at the end of the list; its key is made from its French name and never changes.")
            .Produces<CategoryResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
