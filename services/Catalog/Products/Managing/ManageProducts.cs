using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;

namespace Marketplace.Catalog.Products.Managing;

public sealed record NewProduct(
    string? Sku,
    LocalizedText? Name,
    LocalizedText? Description,
    string? Category,
    IReadOnlyList<string>? ImageUrls,
    Money? Price,
    int? VatRate,
    int? InitialStock);

public sealed record ProductDetailsRequest(
    string? Sku,
    LocalizedText? Name,
    LocalizedText? Description,
    string? Category,
    IReadOnlyList<string>? ImageUrls,
    int? VatRate);

public sealed record PriceRequest(Money? Price);

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

internal sealed class PriceRequestValidator : AbstractValidator<PriceRequest>
{
    public PriceRequestValidator() => RuleFor(p => p.Price).Price();
}

/// <summary>A shop's owners and the cooperative's admins list products, edit them, change prices, archive them.</summary>
internal static class ManageProductsEndpoints
{
    public static void MapManageProducts(this RouteGroupBuilder shop)
    {
        shop.MapPost("/products", async Task<IResult> (TenantId coop, Guid shop, NewProduct request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow();
                var listed = new ProductListed(
                    Guid.CreateVersion7(), shop, Clean(request.Sku), request.Name!.Trimmed(), request.Description?.Trimmed() ?? LocalizedText.Empty,
                    request.Category!.Trim(), request.ImageUrls ?? [], request.Price!.Value, request.VatRate!.Value, user.AccountId(), now);
                List<object> events = [listed, .. StockLevel.Initial(listed.ProductId, request.InitialStock ?? 0, null, user.AccountId(), now)];

                await using var session = sessions.OpenSession(coop);
                if (listed.Sku is { } sku && await session.Query<Product>().AnyAsync(p => p.ShopId == shop && p.Sku == sku, cancellationToken))
                {
                    return SkuTaken();
                }

                session.Events.StartStream<Product>(listed.ProductId, events);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception e) when (IsUniqueViolation(e))
                {
                    return SkuTaken(); // the same reference listed by a concurrent request
                }

                var product = await session.LoadAsync<Product>(listed.ProductId, cancellationToken);
                return Results.Created($"/api/coops/{coop}/products/{listed.ProductId}", ProductResponse.From(product!));
            })
            .Validate<NewProduct>()
            .RequireShopManager()
            .WithName("ListProduct")
            .Produces<ProductResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        shop.MapPut("/products/{product:guid}", (TenantId coop, Guid shop, Guid product, ProductDetailsRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, product, cancellationToken: cancellationToken, decide: current =>
                {
                    var changed = new ProductDetailsChanged(
                        product, Clean(request.Sku), request.Name!.Trimmed(), request.Description?.Trimmed() ?? LocalizedText.Empty,
                        request.Category!.Trim(), request.ImageUrls ?? [], request.VatRate!.Value, clock.GetUtcNow());
                    return Same(current, changed) ? [] : [changed];
                }))
            .Validate<ProductDetailsRequest>()
            .RequireShopManager()
            .WithName("ChangeProductDetails")
            .Produces<ProductResponse>();

        shop.MapPost("/products/{product:guid}/price", (TenantId coop, Guid shop, Guid product, PriceRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, product, cancellationToken: cancellationToken, decide: current =>
                    current.Price == request.Price!.Value
                        ? []
                        : [new ProductPriceChanged(product, shop, current.Price, request.Price!.Value, user.AccountId(), clock.GetUtcNow())]))
            .Validate<PriceRequest>()
            .RequireShopManager()
            .WithName("ChangeProductPrice")
            .Produces<ProductResponse>();

        shop.MapPost("/products/{product:guid}/archive", (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, product, cancellationToken: cancellationToken, decide: current =>
                    current.IsActive ? [new ProductArchived(product, clock.GetUtcNow())] : []))
            .RequireShopManager()
            .WithName("ArchiveProduct")
            .Produces<ProductResponse>();

        shop.MapPost("/products/{product:guid}/reactivate", (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, product, cancellationToken: cancellationToken, decide: current =>
                    current.IsActive ? [] : [new ProductReactivated(product, clock.GetUtcNow())]))
            .RequireShopManager()
            .WithName("ReactivateProduct")
            .Produces<ProductResponse>();
    }

    /// <summary>
    /// Loads the shop's product for writing, asks <paramref name="decide"/> for the events (none: nothing changes,
    /// so repeating a request is harmless), appends and saves once; decided again when a concurrent write (a checkout) lands first.
    /// </summary>
    internal static Task<IResult> ChangeAsync(
        CooperativeSessions sessions, TenantId coop, Guid shop, Guid product, Func<Product, IReadOnlyList<object>> decide, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RetryAsync(async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var stream = await session.Events.FetchForWriting<Product>(product, cancellationToken);
            if (stream.Aggregate is not { } current || current.ShopId != shop)
            {
                return NoSuchProduct();
            }

            var events = decide(current);
            if (events.Count == 0)
            {
                return Results.Ok(ProductResponse.From(current));
            }

            stream.AppendMany(events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (IsUniqueViolation(e))
            {
                return SkuTaken();
            }

            return Results.Ok(ProductResponse.From(events.Aggregate(current, (state, e) => state.With(e))));
        });

    internal static IResult NoSuchProduct() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product in this shop.");

    private static IResult SkuTaken() => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["sku"] = ["Another product of this shop already has this reference."] },
        statusCode: StatusCodes.Status409Conflict,
        title: "This reference (SKU) is taken.");

    private static bool IsUniqueViolation(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e.InnerException is { } inner && IsUniqueViolation(inner);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool Same(Product current, ProductDetailsChanged changed) =>
        current.Sku == changed.Sku && current.Name == changed.Name && current.Description == changed.Description &&
        current.Category == changed.Category && current.ImageUrls.SequenceEqual(changed.ImageUrls) && current.VatRate == changed.VatRate;
}
