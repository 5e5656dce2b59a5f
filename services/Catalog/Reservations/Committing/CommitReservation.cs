using Marketplace.Catalog.Common;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations.Committing;

internal static class CommitReservationEndpoint
{
    /// <summary>An admin turns a held reservation into a sale (409 when it expired or was released).</summary>
    public static void MapCommitReservation(this RouteGroupBuilder reservations) =>
        reservations.MapPost("/{reservation:guid}/commit", async Task<IResult> (TenantId coop, Guid reservation, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                var (outcome, closed) = await desk.CommitAsync(coop, reservation, cancellationToken);
                return outcome switch
                {
                    CloseOutcome.NotFound => ReservationAccess.NoSuchReservation(),
                    CloseOutcome.NotHeld => CodedProblems.Refused(
                        StockRefusals.NotHeld,
                        StatusCodes.Status409Conflict,
                        "This reservation is no longer held.",
                        $"It was {closed!.Status}: its stock went back on sale."),
                    _ => Results.Ok(ReservationResponse.From(closed!)),
                };
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("CommitReservation")
            .Produces<ReservationResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
