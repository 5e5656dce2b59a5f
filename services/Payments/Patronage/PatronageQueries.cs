using Marketplace.Payments.Ledger;
using Marketplace.Payments.Shops;
using Marten;

namespace Marketplace.Payments.Patronage;

/// <summary>An amount per shop or per customer account.</summary>
public sealed record AmountOf(Guid Id, long Amount);

/// <summary>The figures of a patronage refund over a period: the members, each shop's sales and each customer's purchases, net of refunds, from the ledger.</summary>
internal static class PatronageQueries
{
    // What customers paid for a shop's sub-orders (captures) less what was paid back to them (refunds), out of the Stripe balance.
    private const string Net =
        $"sum(case when l.kind = '{LedgerKinds.Capture}' then l.debit else -l.credit end)::bigint";

    private const string Moves =
        $"from {LedgerTable.QualifiedName} l where l.account = '{LedgerAccounts.StripeBalance}' and l.kind in ('{LedgerKinds.Capture}', '{LedgerKinds.Refund}') " +
        "and l.shop_id is not null and l.at >= ? and l.at < ?";

    public static async Task<IReadOnlyList<PatronageLine>> PatronageAsync(this IQuerySession session, IPeriod period, long surplus, CancellationToken cancellationToken)
    {
        var members = await session.Query<CooperativeMember>().ToListAsync(cancellationToken);
        var sales = await session.AdvancedSql.QueryAsync<AmountOf>(
            $"select json_build_object('Id', l.shop_id, 'Amount', {Net}) {Moves} group by l.shop_id", cancellationToken, period.Start(), period.End());
        var purchases = await session.AdvancedSql.QueryAsync<AmountOf>(
            $"select json_build_object('Id', (p.data ->> 'CustomerAccountId')::uuid, 'Amount', {Net}) {Moves.Replace(" l where", " l join payments.mt_doc_payment p on p.id = l.order_id where", StringComparison.Ordinal)} " +
            "group by p.data ->> 'CustomerAccountId'",
            cancellationToken, period.Start(), period.End());
        var shops = await session.LoadManyAsync<ShopPayouts>(cancellationToken, sales.Select(s => s.Id).ToArray());
        return PatronageRefund.Share(
            surplus,
            members,
            sales.ToDictionary(s => s.Id, s => s.Amount),
            shops.ToDictionary(s => s.Id, s => s.Owners),
            purchases.ToDictionary(p => p.Id, p => p.Amount));
    }
}
