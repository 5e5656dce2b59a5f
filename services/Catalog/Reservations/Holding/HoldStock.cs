using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Catalog.Reservations.Holding;

public sealed record ReserveLine(Guid? ProductId, int? Quantity);

/// <summary>A checkout's request: the client picks the reservation id, so a retry finds the hold it already made.</summary>
public sealed record ReserveStock(Guid? ReservationId, IReadOnlyList<ReserveLine>? Lines);

public sealed record ReleaseRequest(string? Reason);

public sealed record ReservationResponse(Guid Id, Guid HolderId, IReadOnlyList<ReservedLine> Lines, string Status, DateTimeOffset ExpiresAt)
{
    public static ReservationResponse From(Reservation r) => new(r.Id, r.HolderId, r.Lines, r.Status, r.ExpiresAt);
}

internal sealed class ReserveStockValidator : AbstractValidator<ReserveStock>
{
    public const int MaxLines = 100;

    public ReserveStockValidator()
    {
        RuleFor(r => r.ReservationId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Lines).NotEmpty().Must(lines => lines is null || lines.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotNull().NotEqual(Guid.Empty);
            line.RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, 1000);
        });
    }
}

internal sealed class ReleaseRequestValidator : AbstractValidator<ReleaseRequest>
{
    public ReleaseRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => r is null or ReleaseReason.Cancelled or ReleaseReason.Refused).WithMessage("The reason is cancelled or refused.");
}

internal static class HoldStockEndpoints
{
    public static void MapHoldStock(this RouteGroupBuilder reservations)
    {
        reservations.MapPost("/", async Task<IResult> (TenantId coop, ReserveStock request, ClaimsPrincipal user, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                var lines = request.Lines!.Select(l => new RequestedLine(l.ProductId!.Value, l.Quantity!.Value)).ToList();
                var outcome = await desk.ReserveAsync(coop, request.ReservationId!.Value, user.AccountId() ?? Guid.Empty, lines, cancellationToken);
                return outcome switch
                {
                    ReserveOutcome.Placed { Repeated: true } placed => Results.Ok(ReservationResponse.From(placed.Reservation)),
                    ReserveOutcome.Placed placed => Results.Created($"/api/coops/{coop}/reservations/{placed.Reservation.Id}", ReservationResponse.From(placed.Reservation)),
                    ReserveOutcome.NotEnough shortIn => Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Not enough stock",
                        detail: "Not enough stock of " + string.Join(", ", shortIn.Shortages.Select(s =>
                            $"{(s.Name.Length > 0 ? s.Name : s.ProductId.ToString())} ({s.Available} available, {s.Requested} requested)")) + ". Nothing was reserved.",
                        extensions: new Dictionary<string, object?> { ["shortages"] = shortIn.Shortages }),
                    _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This reservation id belongs to another checkout."),
                };
            })
            .Validate<ReserveStock>()
            .RequireAuthorization()
            .WithName("ReserveStock")
            .Produces<ReservationResponse>(StatusCodes.Status201Created)
            .Produces<ReservationResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reservations.MapGet("/{reservation:guid}", async Task<IResult> (TenantId coop, Guid reservation, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var found = await session.LoadAsync<Reservation>(reservation, cancellationToken);
                return Access(found, user, coop) ?? Results.Ok(ReservationResponse.From(found!));
            })
            .RequireAuthorization()
            .WithName("GetReservation")
            .Produces<ReservationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reservations.MapPost("/{reservation:guid}/release", async Task<IResult> (
                TenantId coop, Guid reservation, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReleaseRequest? request,
                ClaimsPrincipal user, CooperativeSessions sessions, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                await using (var session = sessions.QuerySession(coop))
                {
                    if (Access(await session.LoadAsync<Reservation>(reservation, cancellationToken), user, coop) is { } refused)
                    {
                        return refused;
                    }
                }

                var (outcome, closed) = await desk.ReleaseAsync(coop, reservation, request?.Reason ?? ReleaseReason.Cancelled, cancellationToken);
                return outcome == CloseOutcome.NotFound ? NoSuchReservation() : Results.Ok(ReservationResponse.From(closed!));
            })
            .Validate<ReleaseRequest>()
            .RequireAuthorization()
            .WithName("ReleaseReservation")
            .Produces<ReservationResponse>();

        reservations.MapPost("/{reservation:guid}/commit", async Task<IResult> (TenantId coop, Guid reservation, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                var (outcome, closed) = await desk.CommitAsync(coop, reservation, cancellationToken);
                return outcome switch
                {
                    CloseOutcome.NotFound => NoSuchReservation(),
                    CloseOutcome.NotHeld => Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "This reservation is no longer held.",
                        detail: $"It was {closed!.Status}: its stock went back on sale."),
                    _ => Results.Ok(ReservationResponse.From(closed!)),
                };
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("CommitReservation")
            .Produces<ReservationResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Its holder and the cooperative's admins see and release a reservation; others get 403 (404 when there is none).</summary>
    private static IResult? Access(Reservation? reservation, ClaimsPrincipal user, TenantId coop) =>
        reservation is null ? NoSuchReservation()
        : reservation.HolderId == user.AccountId() || user.IsAdminOf(coop) ? null
        : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the checkout's customer and the cooperative's admins may see this reservation.");

    private static IResult NoSuchReservation() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such reservation in this cooperative.");
}
