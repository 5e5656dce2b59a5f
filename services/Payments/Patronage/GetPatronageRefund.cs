using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Ledger;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Patronage;

/// <summary>The financial year (?from=&amp;to=, days in the cooperative's time zone) and the surplus to give back, in minor units (?surplus=).</summary>
public sealed record PatronageRequest([FromQuery(Name = "from")] DateOnly? From, [FromQuery(Name = "to")] DateOnly? To, [FromQuery(Name = "surplus")] long? Surplus) : IPeriod;

internal sealed class PatronageRequestValidator : PeriodValidator<PatronageRequest>
{
    public PatronageRequestValidator() =>
        RuleFor(r => r.Surplus).NotNull().InclusiveBetween(0, 1_000_000_000_00).OverridePropertyName("surplus");
}

/// <summary>The patronage refund of a year: each member's activity and share of the surplus; the shares add up to the surplus.</summary>
public sealed record PatronageReport(DateOnly From, DateOnly To, long Surplus, string Currency, long Activity, IReadOnlyList<PatronageReportLine> Lines);

public sealed record PatronageReportLine(Guid AccountId, string Name, string College, long Sales, long Purchases, long Activity, long Share);

internal static class GetPatronageRefundEndpoint
{
    public static void MapGetPatronageRefund(this RouteGroupBuilder payments) =>
        payments.MapGet("/patronage-refund", async (TenantId coop, [AsParameters] PatronageRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var lines = await session.PatronageAsync(request, request.Surplus!.Value, cancellationToken);
                return TypedResults.Ok(Report(request, lines));
            })
            .Validate<PatronageRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("GetPatronageRefund")
            .WithSummary("The patronage refund (ristourne) of a financial year (its admins): the surplus the general assembly decided to give back, shared between the members in proportion to their sales (shops they own) and purchases, net of refunds.")
            .Produces<PatronageReport>();

    internal static PatronageReport Report(PatronageRequest request, IReadOnlyList<PatronageLine> lines) => new(
        request.From!.Value, request.To!.Value, request.Surplus!.Value, "EUR", lines.Sum(l => l.Activity),
        [.. lines.Select(l => new PatronageReportLine(l.AccountId, l.Name, l.College, l.Sales, l.Purchases, l.Activity, l.Share))]);
}
