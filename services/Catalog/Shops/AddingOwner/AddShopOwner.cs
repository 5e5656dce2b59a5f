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
    /// <summary>
    /// An owner (or an admin) names another account as an owner of the shop; naming one again changes nothing. The account
    /// must be a member of the cooperative (ADR 51): 422 shop.owner_not_a_member on accountId otherwise, the same for an
    /// unknown account, another cooperative's and a removed member.
    /// </summary>
    public static void MapAddShopOwner(this RouteGroupBuilder group) =>
        group.MapPost("/{shop:guid}/owners", async (TenantId coop, Guid shop, NewOwner request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                await sessions.IsMemberAsync(coop, request.AccountId!.Value, cancellationToken)
                    ? await sessions.ChangeAsync(coop, shop, current => current.AddOwner(request.AccountId!.Value, clock.GetUtcNow()), clock, cancellationToken)
                    : CooperativeMembers.NotAMember())
            .Validate<NewOwner>()
            .RequireShopManager()
            .WithName("AddShopOwner")
            .WithSummary("Name a member of the cooperative an owner of the shop (its owners and the cooperative's admins).")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
