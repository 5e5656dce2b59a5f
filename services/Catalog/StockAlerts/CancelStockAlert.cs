using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.StockAlerts;

internal static class CancelStockAlertEndpoint
{
    /// <summary>Cancel the caller's own request (idempotent).</summary>
    public static void MapCancelStockAlert(this RouteGroupBuilder group) =>
        group.MapDelete("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
        {
            if (user.AccountId() is not { } account)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person has stock alerts.");
            }

            await using var session = sessions.OpenSession(coop);
            session.Delete<StockAlert>(StockAlert.IdOf(product, account));
            await session.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        })
        .RequireAuthorization()
        .WithName("CancelStockAlert")
        .WithSummary("Cancel the caller's request for this product (nothing asked: nothing to do, 204 all the same).")
        .Produces(StatusCodes.Status204NoContent);
}
