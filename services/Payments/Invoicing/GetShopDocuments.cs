using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Invoicing;

internal static class GetShopDocumentsEndpoint
{
    public static void MapGetShopDocuments(this RouteGroupBuilder payouts) =>
        payouts.MapGet("/documents", async (TenantId coop, Guid shop, [AsParameters] PeriodRequest period, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var documents = await session.ShopDocumentsAsync(shop, period.Start(), period.End(), cancellationToken);
                return TypedResults.Ok(documents.Select(d => new DocumentResponse(d.Id, d.Number, d.IssuedAt, null, d.Content)).ToList());
            })
            .ForOwnersOrAdmins()
            .Validate<PeriodRequest>()
            .WithName("GetShopDocuments")
            .WithSummary("The documents about the shop issued in a period of days (?from=&to=): the receipts and credit notes it issued its customers, and the cooperative's commission invoices to it.")
            .Produces<List<DocumentResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
