using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops;

/// <summary>
/// Who may change a shop: its owners (accounts named on the shop) and the admins of its cooperative.
/// Everyone else with a token gets 403, whatever role they hold elsewhere.
/// </summary>
public static class ShopAccess
{
    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    public static bool IsAdminOf(this ClaimsPrincipal user, TenantId coop) => user.RolesIn(coop).Contains("admin");

    public static bool CanManage(this ClaimsPrincipal user, TenantId coop, Shop shop) =>
        user.IsAdminOf(coop) || (user.AccountId() is { } id && shop.Owners.Contains(id));

    /// <summary>
    /// For routes under /shops/{shop}: requires a role in the cooperative (401/403 before the handler runs),
    /// then 404 when the shop does not exist in it and 403 when the caller neither owns it nor administers the cooperative.
    /// </summary>
    public static RouteHandlerBuilder RequireShopManager(this RouteHandlerBuilder endpoint) =>
        endpoint
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (!TenantId.TryParse(http.GetRouteValue("coop") as string, out var coop) ||
                    !Guid.TryParse(http.GetRouteValue("shop") as string, out var shopId))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.");
                }

                await using var session = http.RequestServices.GetRequiredService<CooperativeSessions>().QuerySession(coop);
                var shop = await session.LoadAsync<Shop>(shopId, http.RequestAborted);
                if (shop is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.");
                }

                return http.User.CanManage(coop, shop)
                    ? await next(context)
                    : CodedProblems.Refused("shop.not_manager", StatusCodes.Status403Forbidden, "Only the shop's owners and the cooperative's admins may do this.");
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
