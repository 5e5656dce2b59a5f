using System.Collections.Concurrent;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Marketplace.Payments.Ledger;

/// <summary>A day's reconciliation as the nightly job kept it.</summary>
public sealed record StoredReconciliation(DateOnly Day, DateTimeOffset CheckedAt, int OrdersChecked, bool Clean, IReadOnlyList<ReconciliationDifference> Differences);

/// <summary>
/// Every night, once the day has ended two hours ago in the cooperative's time zone, the bookkeeping pass reconciles
/// that day with Stripe once and keeps the report (<c>payments.reconciliation_reports</c>, one row per day, in the
/// cooperative's database and export); differences are logged as warnings for the operators and listed to the admins.
/// A day that failed (Stripe down) is tried again on the next visit.
/// </summary>
public sealed partial class NightlyReconciliation(CooperativeSessions sessions, Reconciler reconciler, TimeProvider clock, ILogger<NightlyReconciliation> logger)
{
    public const string QualifiedName = PaymentsModule.Schema + ".reconciliation_reports";
    public static readonly TimeSpan After = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<TenantId, DateOnly> _done = new();

    /// <summary>The last day that ended more than <see cref="After"/> ago in the cooperative's time zone.</summary>
    public static DateOnly DueDay(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now - After, CooperativeTime.Zone).DateTime).AddDays(-1);

    /// <summary>Reconciles the due day unless its report is kept already; the report made, or null.</summary>
    public async Task<ReconciliationReport?> RunDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var day = DueDay(clock.GetUtcNow());
        if (_done.TryGetValue(coop, out var done) && done == day)
        {
            return null;
        }

        await using var session = sessions.OpenSession(coop);
        if ((await session.AdvancedSql.QueryAsync<int>($"select count(*)::int from {QualifiedName} where day = ?", cancellationToken, day))[0] > 0)
        {
            _done[coop] = day;
            return null;
        }

        var report = await reconciler.ReconcileAsync(coop, new PeriodRequest(day, day), cancellationToken);
        session.QueueSqlCommand(
            $"insert into {QualifiedName} (day, checked_at, orders_checked, clean, differences) values (?, ?, ?, ?, ?::jsonb) on conflict (day) do nothing",
            day, clock.GetUtcNow(), report.OrdersChecked, report.Clean, session.DocumentStore.Options.Serializer().ToJson(report.Differences));
        await session.SaveChangesAsync(cancellationToken);
        if (!report.Clean)
        {
            LogDifferences(coop.Value, day, report.Differences.Count, report.OrdersChecked);
        }

        _done[coop] = day;
        return report;
    }

    internal static void AddReconciliationReports(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(PaymentsModule.Schema, "reconciliation_reports", SchemaUtils.IdentifierUsage.General));
        table.AddColumn("day", "date").AsPrimaryKey();
        table.AddColumn("checked_at", "timestamp with time zone").NotNull();
        table.AddColumn("orders_checked", "integer").NotNull();
        table.AddColumn("clean", "boolean").NotNull();
        table.AddColumn("differences", "jsonb").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    [LoggerMessage(LogLevel.Warning, "Nightly reconciliation of {Tenant} for {Day}: {Count} difference(s) between the ledger and Stripe in {Orders} order(s)")]
    private partial void LogDifferences(string tenant, DateOnly day, int count, int orders);
}

internal static class ReconciliationReportsEndpoint
{
    public static void MapReconciliationReports(this RouteGroupBuilder payments) =>
        payments.MapGet("/reconciliation/reports", async (TenantId coop, [AsParameters] PeriodRequest period, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(await session.AdvancedSql.QueryAsync<StoredReconciliation>(
                    "select json_build_object('Day', day, 'CheckedAt', checked_at, 'OrdersChecked', orders_checked, 'Clean', clean, 'Differences', differences) " +
                    $"from {NightlyReconciliation.QualifiedName} where day >= ? and day <= ? order by day desc",
                    cancellationToken, period.From!.Value, period.To!.Value));
            })
            .Validate<PeriodRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("GetReconciliationReports")
            .WithSummary("The nightly reconciliations kept for the days of a period (admins; ?from=&to=), newest first: orders checked, clean or the differences found.")
            .Produces<List<StoredReconciliation>>();
}
