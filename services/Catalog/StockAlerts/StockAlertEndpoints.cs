using System.Security.Claims;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.StockAlerts;

/// <summary>
/// The caller's own request for one product: see it, ask (idempotent), cancel (idempotent). Any signed-in account may
/// ask (ADR 35: a customer needs no role); each sees and cancels only her own, named by her token.
/// </summary>
internal static class StockAlertEndpoints
{
    public static void MapStockAlert(this RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (user.AccountId() is not { } account)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person has stock alerts.");
                }

                await using var session = sessions.QuerySession(coop);
                if (await OnSaleAsync(session, product, cancellationToken) is null)
                {
                    return NotFound();
                }

                var alert = await session.LoadAsync<StockAlert>(StockAlert.IdOf(product, account), cancellationToken);
                return Results.Ok(StockAlertResponse.From(product, alert));
            })
            .RequireAuthorization()
            .WithName("GetStockAlert")
            .WithSummary("Whether the signed-in caller asked to be told when this product is back in stock.")
            .Produces<StockAlertResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (user.AccountId() is not { } account)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person may ask for a stock alert.");
                }

                await using var session = sessions.OpenSession(coop);
                if (await OnSaleAsync(session, product, cancellationToken) is not { } found)
                {
                    return NotFound();
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

    /// <summary>An active product of an approved shop, else null (archived, unknown, or of a shop not approved).</summary>
    private static async Task<Product?> OnSaleAsync(IQuerySession session, Guid product, CancellationToken cancellationToken)
    {
        var found = await session.LoadAsync<Product>(product, cancellationToken);
        var shop = found is null ? null : await session.LoadAsync<Shop>(found.ShopId, cancellationToken);
        return found is { IsActive: true } && shop is { IsApproved: true } ? found : null;
    }

    private static IResult NotFound() =>
        CodedProblems.Refused(StockAlertRefusals.ProductNotFound, StatusCodes.Status404NotFound, "No such product in this cooperative.");
}
