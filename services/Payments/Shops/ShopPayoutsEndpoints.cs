using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Shops;

/// <summary>A shop's payouts: connected or not, and whether its account can receive transfers.</summary>
public sealed record ShopPayoutsResponse(Guid ShopId, string State, string? AccountId);

/// <summary>Where the owner goes on to complete the account's onboarding with Stripe (a fresh link each call: links expire and serve once).</summary>
public sealed record OnboardingLinkResponse(Guid ShopId, string AccountId, string State, string Url, DateTimeOffset ExpiresAt);

internal static class ShopPayoutsAccess
{
    /// <summary>Every route about a shop's payouts: its members' group, each use case in a file of its own.</summary>
    public static RouteGroupBuilder ShopPayoutsGroup(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/coops/{coop}/shops/{shop:guid}/payouts").WithTags("Payments").RequireAuthorization(CooperativeAuthorization.MemberPolicy);

    /// <summary>Admins see every shop; an owner (as Catalog's latest profile says) their own; anybody else is refused.</summary>
    public static IResult? Allowed(ClaimsPrincipal user, TenantId coop, ShopPayouts? payouts)
    {
        var admin = user.RolesIn(coop).Contains("admin");
        var owner = payouts is not null && Guid.TryParse(user.FindFirstValue("sub"), out var caller) && payouts.Owners.Contains(caller);
        if (!admin && !owner)
        {
            return TypedResults.Forbid();
        }

        return payouts is null ? CodedProblems.Refused("payments.shop_unknown", StatusCodes.Status404NotFound, "Payments has not heard of this shop (yet).") : null;
    }

    /// <summary>
    /// The shop's owners and the admins only, checked before anything else the endpoint does (its validation
    /// included): someone else learns nothing, not even that their query was malformed.
    /// </summary>
    public static RouteHandlerBuilder ForOwnersOrAdmins(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!TenantId.TryParse(http.GetRouteValue("coop") as string, out var coop) || !Guid.TryParse(http.GetRouteValue("shop") as string, out var shop))
            {
                return TypedResults.NotFound();
            }

            await using var session = http.RequestServices.GetRequiredService<CooperativeSessions>().QuerySession(coop);
            return Allowed(http.User, coop, await session.LoadAsync<ShopPayouts>(shop, http.RequestAborted)) ?? await next(context);
        });
}
