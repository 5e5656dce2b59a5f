using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Catalog.Reservations.Holding;

public sealed record ReserveLine(Guid? ProductId, int? Quantity);

/// <summary>A checkout's request: the client picks the reservation id, so a retry finds the hold it already made.</summary>
public sealed record ReserveStock(Guid? ReservationId, IReadOnlyList<ReserveLine>? Lines);

internal sealed class ReserveStockValidator : AbstractValidator<ReserveStock>
{
    public const int MaxLines = 100;

    public ReserveStockValidator()
    {
        RuleFor(r => r.ReservationId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Lines).NotEmpty().Must(lines => lines is null || lines.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.").WithErrorCode("reservation.lines_count");
        RuleForEach(r => r.Lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotNull().NotEqual(Guid.Empty);
            line.RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, 1000);
        });
    }
}

internal static class HoldStockEndpoint
{
    /// <summary>A checkout holds stock for every line of its basket, or none (409 naming what is short); a retry with the same id finds the same hold.</summary>
    public static void MapHoldStock(this RouteGroupBuilder reservations) =>
        reservations.MapPost("/", async Task<IResult> (TenantId coop, ReserveStock request, ClaimsPrincipal user, ReservationDesk desk, CancellationToken cancellationToken) =>
            {
                var lines = request.Lines!.Select(l => new RequestedLine(l.ProductId!.Value, l.Quantity!.Value)).ToList();
                var outcome = await desk.ReserveAsync(coop, request.ReservationId!.Value, user.AccountId() ?? Guid.Empty, lines, cancellationToken);
                return outcome switch
                {
                    ReserveOutcome.Placed { Repeated: true } placed => Results.Ok(ReservationResponse.From(placed.Reservation)),
                    ReserveOutcome.Placed placed => Results.Created($"/api/coops/{coop}/reservations/{placed.Reservation.Id}", ReservationResponse.From(placed.Reservation)),
                    ReserveOutcome.UnknownProducts unknown => CodedProblems.Fields(
                        [.. request.Lines!.Select((l, i) => (l.ProductId, i)).Where(l => unknown.ProductIds.Contains(l.ProductId!.Value)).Select(l => $"lines[{l.i}].productId")],
                        "reservation.product_unknown",
                        "No product of this cooperative has this id.",
                        detail: "Unknown products: " + string.Join(", ", unknown.ProductIds) + ". Nothing was reserved."),
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
}
