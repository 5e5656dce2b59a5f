using System.Security.Claims;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ManagingShops;

public sealed record NewOwner(Guid? AccountId);

internal sealed class NewOwnerValidator : AbstractValidator<NewOwner>
{
    public NewOwnerValidator() => RuleFor(o => o.AccountId).NotNull().NotEqual(Guid.Empty);
}

internal static class ManageShopsEndpoints
{
    public static void MapManageShops(this RouteGroupBuilder group)
    {
        group.MapPut("/{shop:guid}", (TenantId coop, Guid shop, ShopDetailsRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, cancellationToken: cancellationToken, decide: current =>
                    request.ToDetails() is var details && Same(details, current.Details) ? null : new ShopDetailsChanged(shop, details, clock.GetUtcNow())))
            .Validate<ShopDetailsRequest>()
            .RequireShopManager()
            .WithName("ChangeShopDetails")
            .Produces<ShopResponse>();

        group.MapPost("/{shop:guid}/owners", (TenantId coop, Guid shop, NewOwner request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, shop, cancellationToken: cancellationToken, decide: current =>
                    current.Owners.Contains(request.AccountId!.Value) ? null : new ShopOwnerAdded(shop, request.AccountId!.Value, clock.GetUtcNow())))
            .Validate<NewOwner>()
            .RequireShopManager()
            .WithName("AddShopOwner")
            .Produces<ShopResponse>();

        group.MapPost("/{shop:guid}/approve", async Task<IResult> (TenantId coop, Guid shop, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using (var query = sessions.QuerySession(coop))
                {
                    if (await query.LoadAsync<Shop>(shop, cancellationToken) is { IsApproved: false, Details.IsComplete: false })
                    {
                        return Results.Problem(
                            statusCode: StatusCodes.Status409Conflict,
                            title: "This shop's details are incomplete.",
                            detail: "A shop gives its address, its contact and whether it offers pickup or delivery before it is approved.");
                    }
                }

                return await ChangeAsync(sessions, coop, shop, cancellationToken: cancellationToken, decide: current =>
                    current.IsApproved ? null : new ShopApproved(shop, current.Name, user.AccountId(), clock.GetUtcNow()));
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ApproveShop")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Load for writing, decide one event or none (a repeat changes nothing), save once; 409 on a concurrent change.</summary>
    private static async Task<IResult> ChangeAsync(CooperativeSessions sessions, TenantId coop, Guid shop, Func<Shop, object?> decide, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var stream = await session.Events.FetchForWriting<Shop>(shop, cancellationToken);
        if (stream.Aggregate is not { } current)
        {
            return GettingShop.GetShopEndpoint.NoSuchShop();
        }

        if (decide(current) is not { } change)
        {
            return Results.Ok(ShopResponse.From(current));
        }

        stream.AppendOne(change);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(ShopResponse.From(await session.LoadAsync<Shop>(shop, cancellationToken) ?? current));
    }

    private static bool Same(ShopDetails a, ShopDetails b) =>
        a with { OpeningHours = null } == b with { OpeningHours = null } &&
        (a.OpeningHours ?? []).SequenceEqual(b.OpeningHours ?? []);
}
