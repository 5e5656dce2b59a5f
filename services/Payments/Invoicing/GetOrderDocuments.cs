using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Invoicing;

internal static class GetOrderDocumentsEndpoint
{
    public static void MapGetOrderDocuments(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/coops/{coop}/orders/{order:guid}/payment/documents", async Task<IResult> (TenantId coop, Guid order, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var payment = await session.LoadAsync<Payment>(order, cancellationToken);
                // Someone else's order answers as an unknown one does (as its payment does).
                if (payment is null || !payment.ReadableBy(http.User, coop))
                {
                    return CodedProblems.Refused("payments.payment_not_found", StatusCodes.Status404NotFound, "No payment for this order (yet).");
                }

                var documents = await session.OrderDocumentsAsync(order, cancellationToken);
                return TypedResults.Ok(documents.Select(d => new DocumentResponse(
                    d.Id, d.Number, d.IssuedAt, documents.FirstOrDefault(c => c.Id == d.Content.Corrects)?.Number, d.Content)).ToList());
            })
            .RequireAuthorization() // a customer needs no role (ADR 35)
            .WithTags("Payments")
            .WithName("GetOrderPaymentDocuments")
            .WithSummary("The order's receipts (one per shop, issued at capture) and credit notes (one per refund), oldest first: its customer, or an admin.")
            .Produces<List<DocumentResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
