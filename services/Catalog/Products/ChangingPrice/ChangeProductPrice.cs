using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.ChangingPrice;

public sealed record PriceRequest(Money? Price);

internal sealed class PriceRequestValidator : AbstractValidator<PriceRequest>
{
    public PriceRequestValidator() => RuleFor(p => p.Price).Price();
}

internal static class ChangeProductPriceEndpoint
{
    /// <summary>A new price from now on; the product keeps the history of its prices. The same price again changes nothing.</summary>
    public static void MapChangeProductPrice(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/price-changes", (TenantId coop, Guid shop, Guid product, PriceRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, product, current => current.ChangePrice(request.Price!.Value, user.AccountId(), clock.GetUtcNow()), cancellationToken))
            .Validate<PriceRequest>()
            .RequireShopManager()
            .WithName("ChangeProductPrice")
            .Produces<ProductResponse>();
}
