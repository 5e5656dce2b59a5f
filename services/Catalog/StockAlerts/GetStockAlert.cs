using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.StockAlerts;

internal static class GetStockAlertEndpoint
{
    /// <summary>The caller's own request for one product, if she asked.</summary>
    public static void MapGetStockAlert(this RouteGroupBuilder group) =>
        group.MapGet("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
        {
            if (user.AccountId() is not { } account)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person has stock alerts.");
            }

            await using var session = sessions.QuerySession(coop);
            if (await StockAlertEndpoints.OnSaleAsync(session, product, cancellationToken) is null)
            {
                return StockAlertEndpoints.NotFound();
            }

            var alert = await session.LoadAsync<StockAlert>(StockAlert.IdOf(product, account), cancellationToken);
            return Results.Ok(StockAlertResponse.From(product, alert));
        })
        .RequireAuthorization()
        .WithName("GetStockAlert")
        .WithSummary("Whether the signed-in caller asked to be told when this product is back in stock.")
        .Produces<StockAlertResponse>()
        .ProducesProblem(StatusCodes.Status404NotFound);
}
