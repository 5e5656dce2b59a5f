using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Products.Listing;

public sealed record NewProduct(
    string? Sku,
    LocalizedText? Name,
    LocalizedText? Description,
    string? Category,
    IReadOnlyList<string>? ImageUrls,
    Money? Price,
    int? VatRate,
    int? InitialStock);

internal sealed class NewProductValidator : AbstractValidator<NewProduct>
{
    public NewProductValidator()
    {
        RuleFor(p => p.Sku).Sku();
        RuleFor(p => p.Name).ProductName();
        RuleFor(p => p.Description).ProductDescription();
        RuleFor(p => p.Category).Category();
        RuleFor(p => p.ImageUrls).ImageUrls();
        RuleFor(p => p.Price).Price();
        RuleFor(p => p.VatRate).VatRate();
        RuleFor(p => p.InitialStock).InclusiveBetween(0, ProductRules.MaxStock);
    }
}

internal static class ListProductEndpoint
{
    /// <summary>A shop's owners and the cooperative's admins list a product, with its first stock; its reference (SKU) is unique in the shop.</summary>
    public static void MapListProduct(this RouteGroupBuilder shop) =>
        shop.MapPost("/products", async Task<IResult> (TenantId coop, Guid shop, NewProduct request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.OpenSession(coop);
                var categories = await session.CategoryListAsync(cancellationToken);
                if (ProductCategories.Resolve(categories, request.Category!) is not { } category)
                {
                    return ProductCategories.UnknownProblem(categories!, request.Category!);
                }

                var listed = new ProductListed(
                    Guid.CreateVersion7(), shop, ProductChanges.Clean(request.Sku), request.Name!.Trimmed(), request.Description?.Trimmed() ?? LocalizedText.Empty,
                    category, request.ImageUrls ?? [], request.Price!.Value, request.VatRate!.Value, user.AccountId(), clock.GetUtcNow());
                var events = Product.List(listed, request.InitialStock ?? 0);

                if (listed.Sku is { } sku && await session.Query<Product>().AnyAsync(p => p.ShopId == shop && p.Sku == sku, cancellationToken))
                {
                    return ProductChanges.SkuTaken();
                }

                session.Events.StartStream<Product>(listed.ProductId, events);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
                {
                    return ProductChanges.SkuTaken(); // the same reference listed by a concurrent request
                }

                return Results.Created($"/api/coops/{coop}/products/{listed.ProductId}", ProductResponse.From(EventSourced.Fold<Product>(null, events)!));
            })
            .Validate<NewProduct>()
            .RequireShopManager()
            .WithName("ListProduct")
            .Produces<ProductResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
