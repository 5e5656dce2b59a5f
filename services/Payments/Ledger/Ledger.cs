using JasperFx.Events;
using JasperFx.Events.Projections;
using Marketplace.Payments.Orders;
using Marten;
using Marten.Events.Projections;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Marketplace.Payments.Ledger;

/// <summary>The ledger's accounts (codes; the pages name them in French and English).</summary>
public static class LedgerAccounts
{
    /// <summary>Asset: the cooperative's Stripe balance, where customers' payments arrive and transfers and refunds leave from.</summary>
    public const string StripeBalance = "stripe-balance";

    /// <summary>Liability, one per shop: what the cooperative owes the shop until it is transferred.</summary>
    public const string ShopPayable = "shop-payable";

    /// <summary>Revenue: the cooperative's commission, VAT excluded.</summary>
    public const string Commission = "commission";

    /// <summary>Liability: the VAT on the commission, owed to the tax office.</summary>
    public const string CommissionVat = "commission-vat";

    /// <summary>Expense: the processing fees Stripe keeps on each charge, borne by the cooperative (the platform of the charge).</summary>
    public const string StripeFees = "stripe-fees";

    /// <summary>Revenue: Stripe's fees on refunds recharged to the shops whose terms say they bear them, VAT excluded (its VAT in commission-vat).</summary>
    public const string StripeFeesRecharged = "stripe-fees-recharged";

    /// <summary>What Stripe captured beyond (or short of) the accepted sub-orders: never expected, there for reconciliation to find.</summary>
    public const string Suspense = "suspense";
}

/// <summary>What moved money: a capture, a transfer to a shop, a refund, or a transfer reversed for a refund.</summary>
public static class LedgerKinds
{
    public const string Capture = "capture";
    public const string Transfer = "transfer";
    public const string Refund = "refund";
    public const string TransferReversal = "transfer-reversal";
    public const string StripeFee = "stripe-fee";
    public const string StripeFeeRecharge = "stripe-fee-recharge";
}

/// <summary>One line of a ledger entry: a debit or a credit (the other is zero) on an account, about a shop or not.</summary>
public sealed record Posting(string Kind, string Account, Guid? ShopId, long Debit, long Credit, string? Reference);

/// <summary>
/// The double-entry postings of the payment's money events (ADR 36). Every group of postings of one kind and shop
/// balances: debits = credits, to the cent; nothing is rounded here (the amounts come from Split's lines).
/// </summary>
public static class LedgerPostings
{
    public static IReadOnlyList<Posting> Of(object change) => change switch
    {
        PaymentCaptureMade e => Capture(e),
        PaymentRefundMade e => Refund(e),
        _ => [],
    };

    private static List<Posting> Capture(PaymentCaptureMade e)
    {
        var postings = new List<Posting>();
        foreach (var line in e.Lines)
        {
            // The customer paid the sub-order's subtotal: the shop is owed its transfer, the cooperative keeps the fee (net + VAT).
            postings.Add(Debit(LedgerKinds.Capture, LedgerAccounts.StripeBalance, line.ShopId, line.Subtotal.Minor, null));
            postings.Add(Credit(LedgerKinds.Capture, LedgerAccounts.ShopPayable, line.ShopId, line.Transfer.Minor, null));
            postings.Add(Credit(LedgerKinds.Capture, LedgerAccounts.Commission, line.ShopId, line.Fee.Minor - line.FeeVat.Minor, null));
            postings.Add(Credit(LedgerKinds.Capture, LedgerAccounts.CommissionVat, line.ShopId, line.FeeVat.Minor, null));
        }

        var difference = e.Amount.Minor - e.Lines.Sum(l => l.Subtotal.Minor);
        if (difference != 0)
        {
            postings.Add(Debit(LedgerKinds.Capture, LedgerAccounts.StripeBalance, null, difference, null));
            postings.Add(Credit(LedgerKinds.Capture, LedgerAccounts.Suspense, null, difference, null));
        }

        // What Stripe kept of the charge: the cooperative's expense, out of its Stripe balance.
        postings.Add(Debit(LedgerKinds.StripeFee, LedgerAccounts.StripeFees, null, e.StripeFee, e.ChargeId));
        postings.Add(Credit(LedgerKinds.StripeFee, LedgerAccounts.StripeBalance, null, e.StripeFee, e.ChargeId));

        foreach (var transfer in e.Transfers)
        {
            postings.Add(Debit(LedgerKinds.Transfer, LedgerAccounts.ShopPayable, transfer.ShopId, transfer.Amount.Minor, transfer.TransferId));
            postings.Add(Credit(LedgerKinds.Transfer, LedgerAccounts.StripeBalance, transfer.ShopId, transfer.Amount.Minor, transfer.TransferId));
        }

        return [.. postings.Where(p => p.Debit != 0 || p.Credit != 0)];
    }

    private static List<Posting> Refund(PaymentRefundMade e)
    {
        var line = e.Line;
        var postings = new List<Posting>();
        if (e.Reversal > 0)
        {
            // The shop's part (and its share of Stripe's fee, when it bears it) comes back from its account first...
            postings.Add(Debit(LedgerKinds.TransferReversal, LedgerAccounts.StripeBalance, line.ShopId, e.Reversal, e.ReversalId));
            postings.Add(Credit(LedgerKinds.TransferReversal, LedgerAccounts.ShopPayable, line.ShopId, e.Reversal, e.ReversalId));
        }

        // ...then the customer is paid back from the shop's part and the cooperative's fee (net and VAT) in the split's proportions.
        postings.Add(Debit(LedgerKinds.Refund, LedgerAccounts.ShopPayable, line.ShopId, line.TransferReversed.Minor, e.StripeRefundId));
        postings.Add(Debit(LedgerKinds.Refund, LedgerAccounts.Commission, line.ShopId, line.FeeRefunded.Minor - line.FeeVatRefunded.Minor, e.StripeRefundId));
        postings.Add(Debit(LedgerKinds.Refund, LedgerAccounts.CommissionVat, line.ShopId, line.FeeVatRefunded.Minor, e.StripeRefundId));
        postings.Add(Credit(LedgerKinds.Refund, LedgerAccounts.StripeBalance, line.ShopId, line.Amount.Minor, e.StripeRefundId));

        // ...and the shop's share of Stripe's fee, when it bears it, is what the cooperative charges it (net and VAT; negative: given back).
        postings.Add(Debit(LedgerKinds.StripeFeeRecharge, LedgerAccounts.ShopPayable, line.ShopId, e.StripeFeeRecharged, e.ReversalId));
        postings.Add(Credit(LedgerKinds.StripeFeeRecharge, LedgerAccounts.StripeFeesRecharged, line.ShopId, e.StripeFeeRecharged - e.StripeFeeRechargedVat, e.ReversalId));
        postings.Add(Credit(LedgerKinds.StripeFeeRecharge, LedgerAccounts.CommissionVat, line.ShopId, e.StripeFeeRechargedVat, e.ReversalId));
        return [.. postings.Where(p => p.Debit != 0 || p.Credit != 0)];
    }

    // A negative amount (a capture short of its lines) is posted on the other side, so every posting is zero or more.
    private static Posting Debit(string kind, string account, Guid? shop, long amount, string? reference) =>
        amount >= 0 ? new(kind, account, shop, amount, 0, reference) : new(kind, account, shop, 0, -amount, reference);

    private static Posting Credit(string kind, string account, Guid? shop, long amount, string? reference) =>
        amount >= 0 ? new(kind, account, shop, 0, amount, reference) : new(kind, account, shop, -amount, 0, reference);
}

/// <summary>
/// The ledger is a table of postings (<c>payments.ledger</c>), written inline with the payment events that move money
/// (same transaction), keyed by (event id, line): a replay of the projection writes nothing twice.
/// </summary>
internal static class LedgerTable
{
    public const string QualifiedName = PaymentsModule.Schema + ".ledger";

    public static void AddLedger(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(PaymentsModule.Schema, "ledger", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("entry_id").AsPrimaryKey();
        table.AddColumn("line", "integer").AsPrimaryKey();
        table.AddColumn("at", "timestamp with time zone").NotNull();
        table.AddColumn<Guid>("order_id").NotNull();
        table.AddColumn("kind", "text").NotNull();
        table.AddColumn("account", "text").NotNull();
        table.AddColumn<Guid>("shop_id");
        table.AddColumn("debit", "bigint").NotNull();
        table.AddColumn("credit", "bigint").NotNull();
        table.AddColumn("currency", "text").NotNull();
        table.AddColumn("reference", "text");
        table.Indexes.Add(new IndexDefinition("ix_ledger_shop_at") { Columns = ["shop_id", "at"] });
        table.Indexes.Add(new IndexDefinition("ix_ledger_at") { Columns = ["at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
        options.Projections.Add(new LedgerProjection(), ProjectionLifecycle.Inline);
    }

    private sealed class LedgerProjection : EventProjection
    {
        public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
        {
            // Every event of the store comes here: those that move no money post nothing.
            if (Entry(e.Data) is not var (orderId, at, currency))
            {
                return ValueTask.CompletedTask;
            }

            var line = 0;
            foreach (var p in LedgerPostings.Of(e.Data))
            {
                operations.QueueSqlCommand(
                    $"insert into {QualifiedName} (entry_id, line, at, order_id, kind, account, shop_id, debit, credit, currency, reference) " +
                    "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                    e.Id, line++, at, orderId, p.Kind, p.Account, (object?)p.ShopId ?? DBNull.Value, p.Debit, p.Credit, currency, (object?)p.Reference ?? DBNull.Value);
            }

            return ValueTask.CompletedTask;
        }

        private static (Guid OrderId, DateTimeOffset At, string Currency)? Entry(object data) => data switch
        {
            PaymentCaptureMade c => (c.OrderId, c.CapturedAt, c.Amount.Currency),
            PaymentRefundMade r => (r.OrderId, r.At, r.Line.Amount.Currency),
            _ => null,
        };
    }
}
