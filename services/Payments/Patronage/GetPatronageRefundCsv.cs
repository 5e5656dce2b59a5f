using System.Globalization;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Patronage;

internal static class GetPatronageRefundCsvEndpoint
{
    public static void MapGetPatronageRefundCsv(this RouteGroupBuilder payments) =>
        payments.MapGet("/patronage-refund.csv", async (TenantId coop, [AsParameters] PatronageRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var report = GetPatronageRefundEndpoint.Report(request, await session.PatronageAsync(request, request.Surplus!.Value, cancellationToken));
                return TypedResults.File(
                    Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(report))).ToArray(), "text/csv; charset=utf-8", $"ristourne-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
            })
            .Validate<PatronageRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("GetPatronageRefundCsv")
            .WithSummary("The patronage refund as a spreadsheet for the accountant (French: \";\" and a decimal comma), one row per member.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv");

    /// <summary>One row per member, amounts in euros with a decimal comma, as Excel in France reads them.</summary>
    internal static string Csv(PatronageReport report)
    {
        var french = CultureInfo.GetCultureInfo("fr-FR");
        string Euros(long minor) => (minor / 100m).ToString("0.00", french);
        string Cell(string text) => text.Contains(';') || text.Contains('"') || text.Contains('\n') ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
        var csv = new StringBuilder("Membre;Collège;Ventes;Achats;Activité;Ristourne\n");
        foreach (var line in report.Lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Cell(line.Name)};{Cell(line.College)};{Euros(line.Sales)};{Euros(line.Purchases)};{Euros(line.Activity)};{Euros(line.Share)}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"Total;;;;{Euros(report.Activity)};{Euros(report.Lines.Sum(l => l.Share))}\n");
        return csv.ToString();
    }
}
