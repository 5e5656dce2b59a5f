using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations.Reading;

internal static class GetReservationEndpoint
{
    /// <summary>Its holder and the cooperative's admins see a reservation.</summary>
    public static void MapGetReservation(this RouteGroupBuilder reservations) =>
        reservations.MapGet("/{reservation:guid}", async Task<IResult> (TenantId coop, Guid reservation, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var found = await session.LoadAsync<Reservation>(reservation, cancellationToken);
                return ReservationAccess.Access(found, user, coop) ?? Results.Ok(ReservationResponse.From(found!));
            })
            .RequireAuthorization()
            .WithName("GetReservation")
            .Produces<ReservationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
