using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Invoicing;

internal static class GetDocumentEndpoint
{
    public static void MapGetDocument(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/coops/{coop}/payments/documents/{document:guid}", async Task<IResult> (TenantId coop, Guid document, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.ReadableAsync(http.User, coop, document, cancellationToken) is { } found ? TypedResults.Ok(found) : DocumentAccess.Unknown();
            })
            .RequireAuthorization() // a customer needs no role (ADR 35)
            .WithTags("Payments")
            .WithName("GetPaymentDocument")
            .WithSummary("A receipt, credit note or commission invoice (its customer, the owners of its shop, or an admin; anyone else 404): its number, lines, VAT per rate and total.")
            .Produces<DocumentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
