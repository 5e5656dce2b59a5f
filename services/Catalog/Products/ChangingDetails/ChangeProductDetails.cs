using FluentValidation;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.ChangingDetails;

public sealed record ProductDetailsRequest(
    string? Sku,
    LocalizedText? Name,
    LocalizedText? Description,
    string? Category,
    IReadOnlyList<string>? ImageUrls,
    int? VatRate);

internal sealed class ProductDetailsRequestValidator : AbstractValidator<ProductDetailsRequest>
{
    public ProductDetailsRequestValidator()
    {
        RuleFor(p => p.Sku).Sku();
        RuleFor(p => p.Name).ProductName();
        RuleFor(p => p.Description).ProductDescription();
        RuleFor(p => p.Category).Category();
        RuleFor(p => p.ImageUrls).ImageUrls();
        RuleFor(p => p.VatRate).VatRate();
    }
}

internal static class ChangeProductDetailsEndpoint
{
    /// <summary>Name, description, category, photos, VAT rate and reference, all at once; the same details again change nothing.</summary>
    public static void MapChangeProductDetails(this RouteGroupBuilder shop) =>
        shop.MapPut("/products/{product:guid}", async Task<IResult> (TenantId coop, Guid shop, Guid product, ProductDetailsRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using (var query = sessions.QuerySession(coop))
                {
                    var categories = await query.CategoryListAsync(cancellationToken);
                    var category = ProductCategories.Resolve(categories, request.Category!);
                    if (category is null && await query.LoadAsync<Product>(product, cancellationToken) is { } existing &&
                        CategoryList.Fold(existing.Category) == CategoryList.Fold(request.Category!))
                    {
                        category = existing.Category; // a category typed before the list, kept as it is: the shop changes other details
                    }

                    if (category is null)
                    {
                        return ProductCategories.UnknownProblem(categories!, request.Category!);
                    }

                    request = request with { Category = category };
                }

                var changed = new ProductDetailsChanged(
                    product, ProductChanges.Clean(request.Sku), request.Name!.Trimmed(), request.Description?.Trimmed() ?? LocalizedText.Empty,
                    request.Category!.Trim(), request.ImageUrls ?? [], request.VatRate!.Value, clock.GetUtcNow());
                try
                {
                    return await sessions.ChangeAsync(coop, shop, product, current => current.ChangeDetails(changed), cancellationToken);
                }
                catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
                {
                    return ProductChanges.SkuTaken();
                }
            })
            .Validate<ProductDetailsRequest>()
            .RequireShopManager()
            .WithName("ChangeProductDetails")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
