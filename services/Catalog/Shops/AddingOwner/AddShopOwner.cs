using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.AddingOwner;

public sealed record NewOwner(Guid? AccountId);

internal sealed class NewOwnerValidator : AbstractValidator<NewOwner>
{
    public NewOwnerValidator() => RuleFor(o => o.AccountId).NotNull().NotEqual(Guid.Empty);
}

internal static class AddShopOwnerEndpoint
{
    /// <summary>An owner (or an admin) names another account as an owner of the shop; naming one again changes nothing.</summary>
    public static void MapAddShopOwner(this RouteGroupBuilder group) =>
        group.MapPost("/{shop:guid}/owners", (TenantId coop, Guid shop, NewOwner request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.AddOwner(request.AccountId!.Value, clock.GetUtcNow()), clock, cancellationToken))
            .Validate<NewOwner>()
            .RequireShopManager()
            .WithName("AddShopOwner")
            .Produces<ShopResponse>();
}
