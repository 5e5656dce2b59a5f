using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Categories.Removing;

internal static class RemoveProductCategoryEndpoint
{
    /// <summary>An admin removes a category no product is in.</summary>
    public static void MapRemoveProductCategory(this RouteGroupBuilder group) =>
        group.MapDelete("/{key}", async Task<IResult> (TenantId coop, string key, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var query = sessions.QuerySession(coop);
                var current = await query.CategoryListAsync(cancellationToken);
                if (current?.ByKey(key) is not { } category)
                {
                    return CategoryChanges.NoSuchCategory();
                }

                var used = await CategoryChanges.ProductsInAsync(query, category, cancellationToken);
                if (used > 0)
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Products are still in this category.",
                        detail: $"{used} product(s) are in \"{category.Fr}\" / \"{category.En}\": their shops move them to another category first, or rename this one.",
                        extensions: new Dictionary<string, object?> { ["code"] = "category.in_use", ["products"] = used });
                }

                return await CategoryChanges.ChangeAsync(sessions, coop, list =>
                {
                    list.Categories.RemoveAll(c => c.Key == key);
                    return (null, null);
                }, created: false, cancellationToken);
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RemoveProductCategory")
            .WithSummary("An admin removes a category no product is in (else 409, code category.in_use, with the count).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
