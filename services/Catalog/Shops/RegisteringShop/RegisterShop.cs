using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.RegisteringShop;

internal static class RegisterShopEndpoint
{
    /// <summary>Any member whose e-mail address is confirmed may register a shop; it becomes its first owner, and the shop waits for an admin's approval.</summary>
    public static void MapRegisterShop(this RouteGroupBuilder group) =>
        group.MapPost("/", async (TenantId coop, ShopDetailsRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var details = request.ToDetails();
                var registered = new ShopRegistered(Guid.CreateVersion7(), details.Name, clock.GetUtcNow(), details, user.AccountId());
                await using var session = sessions.OpenSession(coop);
                session.Events.StartStream<Shop>(registered.ShopId, [.. Shop.Register(registered)]);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created($"/api/coops/{coop}/shops/{registered.ShopId}", ShopResponse.From(Shop.Fold(null, registered)!));
            })
            .RequireConfirmedEmail()
            .Validate<ShopDetailsRequest>()
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("RegisterShop")
            .Produces<ShopResponse>(StatusCodes.Status201Created);
}
