using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.StockAlerts;

internal static class AskStockAlertEndpoint
{
    /// <summary>Ask to be told when the product is back (idempotent: asking twice is one request).</summary>
    public static void MapAskStockAlert(this RouteGroupBuilder group) =>
        group.MapPut("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (user.AccountId() is not { } account)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person may ask for a stock alert.");
            }

            await using var session = sessions.OpenSession(coop);
            if (await StockAlertEndpoints.OnSaleAsync(session, product, cancellationToken) is not { } found)
            {
                return StockAlertEndpoints.NotFound();
            }

            var id = StockAlert.IdOf(product, account);
            if (await session.LoadAsync<StockAlert>(id, cancellationToken) is { } existing)
            {
                return Results.Ok(StockAlertResponse.From(product, existing)); // asked already: the same request
            }

            if (found.Stock.Available > 0)
            {
                return CodedProblems.Refused(
                    StockAlertRefusals.InStock, StatusCodes.Status409Conflict, "The product is in stock.", "It can be put in the basket now: there is nothing to wait for.");
            }

            var alert = new StockAlert(id, product, account, clock.GetUtcNow());
            session.Insert(alert);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is JasperFx.DocumentAlreadyExistsException || StoreFailures.IsUniqueViolation(e))
            {
                // A parallel request of the same person inserted it first: one request.
                await using var again = sessions.QuerySession(coop);
                alert = await again.LoadAsync<StockAlert>(id, cancellationToken) ?? alert;
            }

            return Results.Ok(StockAlertResponse.From(product, alert));
        })
        .RequireAuthorization()
        .WithName("AskStockAlert")
        .WithSummary("Ask to be told by e-mail when this out-of-stock product is back (signed in; asking twice is one request; 409 stock.in_stock when it is on sale).")
        .Produces<StockAlertResponse>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
