using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Marten.Exceptions;

namespace Marketplace.Payments.Invoicing;

/// <summary>
/// A shop's commission and its VAT over a month, as the ledger sums them (fees of captures less fees refunded), and
/// Stripe's fees on refunds charged to it (net and VAT).
/// </summary>
internal sealed record MonthCommission(Guid ShopId, string Currency, long Net, long Vat, long RechargedNet, long RechargedVat);

/// <summary>
/// Once a month has ended (in the cooperative's time zone, an hour's grace for the last captures to commit), the
/// bookkeeping pass has the cooperative issue each shop that paid fees in it a commission invoice, or a credit note when the refunds outweigh
/// them. Each shop's document for a month is a stream of its own with an id derived from both (ADR 37): issued by two
/// processes at once, the second finds the stream there and issues nothing.
/// </summary>
public sealed class CommissionInvoicing(CooperativeSessions sessions, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<TenantId, string> _issuedThrough = new();

    /// <summary>The month the cooperative's commission documents are due for now: the last month ended more than <see cref="Grace"/> ago.</summary>
    public static (string Period, DateTimeOffset Start, DateTimeOffset End) DueMonth(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now - Grace, CooperativeTime.Zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return ($"{month:yyyy-MM}", Periods.Midnight(month), Periods.Midnight(month.AddMonths(1)));
    }

    /// <summary>Issues the due month's documents not issued yet; how many it issued. Cheap once done: a process remembers the month it finished.</summary>
    public async Task<int> IssueDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var (period, start, end) = DueMonth(clock.GetUtcNow());
        if (_issuedThrough.TryGetValue(coop, out var done) && done == period)
        {
            return 0;
        }

        await using var session = sessions.OpenSession(coop);
        var issued = (await session.CommissionIssuedAsync(period, cancellationToken)).ToHashSet();
        var due = (await session.AdvancedSql.QueryAsync<MonthCommission>(
            "select json_build_object('ShopId', shop_id, 'Currency', currency, " +
            $"'Net', coalesce(sum(credit - debit) filter (where account = '{LedgerAccounts.Commission}'), 0), " +
            $"'Vat', coalesce(sum(credit - debit) filter (where account = '{LedgerAccounts.CommissionVat}' and kind <> '{LedgerKinds.StripeFeeRecharge}'), 0), " +
            $"'RechargedNet', coalesce(sum(credit - debit) filter (where account = '{LedgerAccounts.StripeFeesRecharged}'), 0), " +
            $"'RechargedVat', coalesce(sum(credit - debit) filter (where account = '{LedgerAccounts.CommissionVat}' and kind = '{LedgerKinds.StripeFeeRecharge}'), 0)) " +
            $"from {LedgerTable.QualifiedName} where account in ('{LedgerAccounts.Commission}', '{LedgerAccounts.CommissionVat}', '{LedgerAccounts.StripeFeesRecharged}') " +
            "and shop_id is not null and at >= ? and at < ? group by shop_id, currency",
            cancellationToken, start, end)).Where(c => !issued.Contains(c.ShopId)).ToList();
        var policy = FeePolicy.AtTime(FeePolicyHistory.Of(await session.LoadAsync<FeePolicyHistory>(FeePolicyHistory.StreamId, cancellationToken)), end.AddTicks(-1));
        var cooperative = await CooperativeIdentity.NameOfAsync(session, coop, cancellationToken);
        var count = 0;
        foreach (var commission in due)
        {
            var shop = await session.LoadAsync<ShopPayouts>(commission.ShopId, cancellationToken);
            var content = Documents.Commission(
                commission.ShopId, shop?.Name ?? string.Empty, cooperative, period, policy.Terms.FeeVatRate, commission.Currency,
                (commission.Net, commission.Vat), (commission.RechargedNet, commission.RechargedVat), shop?.Address);
            if (content is not null)
            {
                var id = StreamOf(commission.ShopId, period);
                session.Events.StartStream(id, new DocumentIssued(id, content, clock.GetUtcNow()));
                count++;
            }
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return 0; // another process issued some of them at the same time: the next pass issues the rest
        }

        _issuedThrough[coop] = period;
        return count;
    }

    /// <summary>The stream (and document) id of a shop's commission document for a month: the same in every process.</summary>
    public static Guid StreamOf(Guid shopId, string period) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"commission:{shopId}:{period}")).AsSpan(0, 16));
}
