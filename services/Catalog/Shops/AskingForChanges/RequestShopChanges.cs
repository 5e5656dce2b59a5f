using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.AskingForChanges;

/// <summary>The body of POST .../shops/{shop}/request-changes: what the owners should change, in the admin's words.</summary>
public sealed record RequestShopChanges(string? Message)
{
    public const int MaxLength = 1000;
}

internal sealed class RequestShopChangesValidator : AbstractValidator<RequestShopChanges>
{
    public RequestShopChangesValidator() =>
        RuleFor(r => r.Message).NotEmpty().MaximumLength(RequestShopChanges.MaxLength);
}

internal static class RequestShopChangesEndpoint
{
    /// <summary>
    /// An admin asks the owners of a pending shop to change something (ADR 46): 409 shop.not_pending when it is not
    /// pending (approved, refused, already asked); it is pending again when its owners save its details.
    /// </summary>
    public static void MapRequestShopChanges(this RouteGroupBuilder group) =>
        group.MapPost("/{shop:guid}/request-changes", (TenantId coop, Guid shop, RequestShopChanges request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.RequestChanges(request.Message!.Trim(), user.AccountId(), clock.GetUtcNow()), clock, cancellationToken))
            .Validate<RequestShopChanges>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RequestShopChanges")
            .WithSummary("Ask the owners of a pending shop to change something before approval (the cooperative's admins only).")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
