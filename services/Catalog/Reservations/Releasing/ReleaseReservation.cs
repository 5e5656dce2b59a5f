using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Catalog.Reservations.Releasing;

public sealed record ReleaseRequest(string? Reason);

internal sealed class ReleaseRequestValidator : AbstractValidator<ReleaseRequest>
{
    public ReleaseRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => r is null or ReleaseReason.Cancelled or ReleaseReason.Refused).WithMessage("The reason is cancelled or refused.").WithErrorCode("reservation.release_reason");
}

internal static class ReleaseReservationEndpoint
{
    /// <summary>Its holder or an admin releases a reservation (cancelled, or refused by its shop); releasing again changes nothing.</summary>
    public static void MapReleaseReservation(this RouteGroupBuilder reservations) =>
        reservations.MapPost("/{reservation:guid}/release", async Task<IResult> (
                TenantId coop, Guid reservation, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReleaseRequest? request,
                ClaimsPrincipal user, CooperativeSessions sessions, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                await using (var session = sessions.QuerySession(coop))
                {
                    if (ReservationAccess.Access(await session.LoadAsync<Reservation>(reservation, cancellationToken), user, coop) is { } refused)
                    {
                        return refused;
                    }
                }

                var (outcome, closed) = await desk.ReleaseAsync(coop, reservation, request?.Reason ?? ReleaseReason.Cancelled, cancellationToken);
                return outcome == CloseOutcome.NotFound ? ReservationAccess.NoSuchReservation() : Results.Ok(ReservationResponse.From(closed!));
            })
            .Validate<ReleaseRequest>()
            .RequireAuthorization()
            .WithName("ReleaseReservation")
            .Produces<ReservationResponse>();
}
