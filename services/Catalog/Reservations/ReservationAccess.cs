using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;

namespace Marketplace.Catalog.Reservations;

public sealed record ReservationResponse(Guid Id, Guid HolderId, IReadOnlyList<ReservedLine> Lines, string Status, DateTimeOffset ExpiresAt)
{
    public static ReservationResponse From(Reservation r) => new(r.Id, r.HolderId, r.Lines, r.Status, r.ExpiresAt);
}

internal static class ReservationAccess
{
    /// <summary>Its holder and the cooperative's admins see and release a reservation; others get 403 (404 when there is none).</summary>
    public static IResult? Access(Reservation? reservation, ClaimsPrincipal user, TenantId coop) =>
        reservation is null ? NoSuchReservation()
        : reservation.HolderId == user.AccountId() || user.IsAdminOf(coop) ? null
        : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the checkout's customer and the cooperative's admins may see this reservation.");

    public static IResult NoSuchReservation() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such reservation in this cooperative.");
}
