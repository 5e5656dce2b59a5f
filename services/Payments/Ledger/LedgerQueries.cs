using FluentValidation;
using Marketplace.Contracts;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

/// <summary>A period of days in the cooperative's time zone (Europe/Paris), both ends included: ?from=2026-12-01&amp;to=2026-12-31.</summary>
internal interface IPeriod
{
    DateOnly? From { get; }

    DateOnly? To { get; }
}

internal static class Periods
{
    public const int MaxDays = 366;

    /// <summary>The first instant of the period.</summary>
    public static DateTimeOffset Start(this IPeriod period) => Midnight(period.From!.Value);

    /// <summary>The first instant after the period.</summary>
    public static DateTimeOffset End(this IPeriod period) => Midnight(period.To!.Value.AddDays(1));

    /// <summary>The day's first instant in the cooperative's time zone.</summary>
    public static DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, CooperativeTime.Zone.GetUtcOffset(local)).ToUniversalTime(); // Npgsql writes UTC only
    }
}

/// <summary>A shop's statement's period.</summary>
public sealed record PeriodRequest([FromQuery(Name = "from")] DateOnly? From, [FromQuery(Name = "to")] DateOnly? To) : IPeriod;

/// <summary>The ledger's period and a page of its rows (?page=&amp;pageSize=).</summary>
public sealed record LedgerRequest(
    [FromQuery(Name = "from")] DateOnly? From, [FromQuery(Name = "to")] DateOnly? To, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize) : IPeriod
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public int Number => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;
}

/// <summary>Both days given, the last on or after the first, at most a year and a day apart.</summary>
internal class PeriodValidator<T> : AbstractValidator<T>
    where T : IPeriod
{
    public PeriodValidator()
    {
        RuleFor(r => r.From).NotNull().OverridePropertyName("from");
        RuleFor(r => r.To).NotNull().OverridePropertyName("to");
        RuleFor(r => r.To).Must((r, to) => to >= r.From).When(r => r.From is not null && r.To is not null)
            .OverridePropertyName("to").WithMessage("The period ends on or after its first day.").WithErrorCode("ledger.period_reversed");
        RuleFor(r => r.To).Must((r, to) => to!.Value.DayNumber - r.From!.Value.DayNumber < Periods.MaxDays).When(r => r.From is not null && r.To is not null)
            .OverridePropertyName("to").WithMessage($"A period is at most {Periods.MaxDays} days.").WithErrorCode("ledger.period_too_long");
    }
}

internal sealed class PeriodRequestValidator : PeriodValidator<PeriodRequest>;

internal sealed class LedgerRequestValidator : PeriodValidator<LedgerRequest>
{
    public LedgerRequestValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).OverridePropertyName("page");
        RuleFor(r => r.PageSize).InclusiveBetween(1, LedgerRequest.MaxPageSize).OverridePropertyName("pageSize");
    }
}

/// <summary>One row of <c>payments.ledger</c>.</summary>
public sealed record LedgerRow(Guid EntryId, int Line, DateTimeOffset At, Guid OrderId, string Kind, string Account, Guid? ShopId, long Debit, long Credit, string Currency, string? Reference);

/// <summary>The ledger's reads: rows are read as JSON (one column), the sums by PostgreSQL.</summary>
internal static class LedgerReads
{
    private const string Row =
        "select json_build_object('EntryId', entry_id, 'Line', line, 'At', at, 'OrderId', order_id, 'Kind', kind, 'Account', account, " +
        "'ShopId', shop_id, 'Debit', debit, 'Credit', credit, 'Currency', currency, 'Reference', reference) from " + LedgerTable.QualifiedName;

    /// <summary>A shop's rows in the period, oldest first.</summary>
    public static Task<IReadOnlyList<LedgerRow>> ShopRowsAsync(this IQuerySession session, Guid shop, IPeriod period, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<LedgerRow>(
            $"{Row} where shop_id = ? and at >= ? and at < ? order by at, entry_id, line", cancellationToken, shop, period.Start(), period.End());

    /// <summary>The orders that moved money in the period.</summary>
    public static async Task<IReadOnlyList<Guid>> OrdersMovedInAsync(this IQuerySession session, IPeriod period, CancellationToken cancellationToken) =>
        await session.AdvancedSql.QueryAsync<Guid>(
            $"select distinct order_id from {LedgerTable.QualifiedName} where at >= ? and at < ? order by order_id", cancellationToken, period.Start(), period.End());

    /// <summary>Every row of an order, oldest first.</summary>
    public static Task<IReadOnlyList<LedgerRow>> OrderRowsAsync(this IQuerySession session, Guid order, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<LedgerRow>($"{Row} where order_id = ? order by at, entry_id, line", cancellationToken, order);

    /// <summary>What the cooperative owed the shop before <paramref name="before"/>: the shop's payable account's balance.</summary>
    public static async Task<long> ShopPayableBeforeAsync(this IQuerySession session, Guid shop, DateTimeOffset before, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<long>(
            $"select coalesce(sum(credit - debit), 0)::bigint from {LedgerTable.QualifiedName} where shop_id = ? and account = ? and at < ?",
            cancellationToken, shop, LedgerAccounts.ShopPayable, before))[0];

    /// <summary>One page of the period's rows, oldest first, and how many there are in all.</summary>
    public static async Task<(IReadOnlyList<LedgerRow> Rows, long Total)> PageAsync(this IQuerySession session, LedgerRequest page, CancellationToken cancellationToken)
    {
        var rows = await session.AdvancedSql.QueryAsync<LedgerRow>(
            $"{Row} where at >= ? and at < ? order by at, entry_id, line limit ? offset ?",
            cancellationToken, page.Start(), page.End(), page.Size, (page.Number - 1) * page.Size);
        var total = (await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {LedgerTable.QualifiedName} where at >= ? and at < ?", cancellationToken, page.Start(), page.End()))[0];
        return (rows, total);
    }

    /// <summary>Each account's debits and credits in the period (a shop's payable account per shop).</summary>
    public static Task<IReadOnlyList<AccountTotal>> TotalsAsync(this IQuerySession session, IPeriod period, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<AccountTotal>(
            $"select json_build_object('Account', account, 'ShopId', {PerShop}, 'Currency', currency, 'Debit', sum(debit), 'Credit', sum(credit)) " +
            $"from {LedgerTable.QualifiedName} where at >= ? and at < ? group by account, {PerShop}, currency",
            cancellationToken, period.Start(), period.End());

    // The same expression in the select and the group by (a parameter in each would be two expressions to PostgreSQL).
    private const string PerShop = $"case when account = '{LedgerAccounts.ShopPayable}' then shop_id end";
}

/// <summary>An account's debits and credits over a period (per shop for a shop's payable account).</summary>
public sealed record AccountTotal(string Account, Guid? ShopId, string Currency, long Debit, long Credit);
