using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.Refusing;

/// <summary>The body of POST .../shops/{shop}/refuse: why the cooperative refuses the shop, told to its owners.</summary>
public sealed record RefuseShop(string? Reason)
{
    public const int MaxLength = 1000;
}

internal sealed class RefuseShopValidator : AbstractValidator<RefuseShop>
{
    public RefuseShopValidator() =>
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(RefuseShop.MaxLength);
}

internal static class RefuseShopEndpoint
{
    /// <summary>An admin refuses a pending shop, saying why (ADR 46): 409 shop.not_pending otherwise; a refused shop stays refused.</summary>
    public static void MapRefuseShop(this RouteGroupBuilder group) =>
        group.MapPost("/{shop:guid}/refuse", (TenantId coop, Guid shop, RefuseShop request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.Refuse(request.Reason!.Trim(), user.AccountId(), clock.GetUtcNow()), clock, cancellationToken))
            .Validate<RefuseShop>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RefuseShop")
            .WithSummary("Refuse a pending shop, saying why (the cooperative's admins only); it is never listed nor sold.")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
