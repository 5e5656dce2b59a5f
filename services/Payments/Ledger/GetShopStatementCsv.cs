using System.Text;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

/// <summary>The statement's period and the language of its spreadsheet (fr, the default, or en).</summary>
public sealed record StatementCsvRequest(
    [FromQuery(Name = "from")] DateOnly? From, [FromQuery(Name = "to")] DateOnly? To, [FromQuery(Name = "language")] string? Language) : IPeriod;

internal sealed class StatementCsvRequestValidator : PeriodValidator<StatementCsvRequest>
{
    public StatementCsvRequestValidator() =>
        RuleFor(r => r.Language).Must(language => language is null or "fr" or "en")
            .OverridePropertyName("language").WithMessage("The statement is written in fr or en.").WithErrorCode("ledger.language");
}

internal static class GetShopStatementCsvEndpoint
{
    public static void MapGetShopStatementCsv(this RouteGroupBuilder payouts) =>
        payouts.MapGet("/statement.csv", async (TenantId coop, Guid shop, [AsParameters] StatementCsvRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var statement = await session.StatementAsync(shop, request, cancellationToken);
                return TypedResults.File(
                    Encoding.UTF8.GetBytes(statement.ToCsv(request.Language ?? "fr")), "text/csv; charset=utf-8", $"statement-{statement.From:yyyy-MM-dd}-{statement.To:yyyy-MM-dd}.csv");
            })
            .ForOwnersOrAdmins()
            .Validate<StatementCsvRequest>()
            .WithName("GetShopStatementCsv")
            .WithSummary("The shop's statement as a spreadsheet (?from=&to=&language=fr|en): in French \";\" and a decimal comma as Excel in France expects, in English \",\" and a point; UTF-8 with a byte-order mark.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
