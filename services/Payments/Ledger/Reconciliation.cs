using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Orders;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Ledger;

/// <summary>
/// One place where the ledger and Stripe disagree about an order: what was captured, refunded, transferred to a shop or
/// taken back from it (Item), the ledger's amount and Stripe's, and the Stripe object concerned when there is one.
/// </summary>
public sealed record ReconciliationDifference(Guid OrderId, Guid? ShopId, string Item, long Ledger, long Stripe, string? Reference);

/// <summary>The ledger of the orders that moved money in the period, compared with Stripe now: clean when nothing differs.</summary>
public sealed record ReconciliationReport(DateOnly From, DateOnly To, int OrdersChecked, bool Clean, IReadOnlyList<ReconciliationDifference> Differences);

/// <summary>A transfer as Stripe has it: to which shop (its metadata), how much, how much of it was reversed.</summary>
public sealed record StripeTransfer(string Id, Guid? ShopId, long Amount, long Reversed);

/// <summary>What Stripe says of an order's money: the charge's captured and refunded amounts and the transfers of its transfer group.</summary>
public sealed record StripeOrderMoney(long Captured, long Refunded, IReadOnlyList<StripeTransfer> Transfers, long StripeFee = 0);

public static class Reconciliation
{
    public const string Captured = "captured";
    public const string Refunded = "refunded";
    public const string Transferred = "transferred";
    public const string Reversed = "reversed";
    public const string StripeFee = "stripe-fee";

    /// <summary>Every difference between an order's ledger rows (all of them) and what Stripe says of it.</summary>
    public static IReadOnlyList<ReconciliationDifference> Compare(Guid orderId, IReadOnlyList<LedgerRow> rows, StripeOrderMoney stripe)
    {
        var differences = new List<ReconciliationDifference>();
        void Check(Guid? shop, string item, long ledger, long atStripe, string? reference)
        {
            if (ledger != atStripe)
            {
                differences.Add(new ReconciliationDifference(orderId, shop, item, ledger, atStripe, reference));
            }
        }

        long Sum(string kind, Func<LedgerRow, long> amount, Func<LedgerRow, bool>? where = null) =>
            rows.Where(r => r.Kind == kind && r.Account == LedgerAccounts.StripeBalance && (where is null || where(r))).Sum(amount);

        Check(null, Captured, Sum(LedgerKinds.Capture, r => r.Debit - r.Credit), stripe.Captured, null);
        Check(null, Refunded, Sum(LedgerKinds.Refund, r => r.Credit - r.Debit), stripe.Refunded, null);
        Check(null, StripeFee, Sum(LedgerKinds.StripeFee, r => r.Credit - r.Debit), stripe.StripeFee, null);

        // Transfers one by one (the ledger names each by its id), reversals per shop (the ledger names the reversal, Stripe sums them on the transfer).
        var ledgerTransfers = rows.Where(r => r.Kind == LedgerKinds.Transfer && r.Account == LedgerAccounts.StripeBalance).ToList();
        foreach (var transfer in ledgerTransfers.GroupBy(r => r.Reference))
        {
            var atStripe = stripe.Transfers.FirstOrDefault(t => t.Id == transfer.Key);
            Check(transfer.First().ShopId, Transferred, transfer.Sum(r => r.Credit - r.Debit), atStripe?.Amount ?? 0, transfer.Key);
        }

        foreach (var unknown in stripe.Transfers.Where(t => ledgerTransfers.All(r => r.Reference != t.Id)))
        {
            Check(unknown.ShopId, Transferred, 0, unknown.Amount, unknown.Id);
        }

        foreach (var shop in rows.Where(r => r.ShopId is not null).Select(r => r.ShopId).Concat(stripe.Transfers.Select(t => t.ShopId)).Distinct())
        {
            Check(shop, Reversed, Sum(LedgerKinds.TransferReversal, r => r.Debit - r.Credit, r => r.ShopId == shop), stripe.Transfers.Where(t => t.ShopId == shop).Sum(t => t.Reversed), null);
        }

        return differences;
    }
}

/// <summary>Compares the ledger of every order that moved money in a period with what Stripe says of it now.</summary>
public sealed class Reconciler(CooperativeSessions sessions, PaymentsStripe stripe)
{
    /// <summary>At most this many orders are asked of Stripe at once.</summary>
    private const int Parallel = 4;

    internal async Task<ReconciliationReport> ReconcileAsync(TenantId coop, IPeriod period, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> orders;
        await using (var session = sessions.QuerySession(coop))
        {
            orders = await session.OrdersMovedInAsync(period, cancellationToken);
        }

        var differences = new List<ReconciliationDifference>();
        foreach (var batch in orders.Chunk(Parallel))
        {
            var found = await Task.WhenAll(batch.Select(async order =>
            {
                var (intent, rows) = await LedgerOfAsync(coop, order, cancellationToken);
                return Reconciliation.Compare(order, rows, await stripe.MoneyOfAsync(order, intent, cancellationToken));
            }));
            differences.AddRange(found.SelectMany(d => d));
        }

        return new ReconciliationReport(period.From!.Value, period.To!.Value, orders.Count, differences.Count == 0, differences);
    }

    // One session per order read in parallel (a session is not shared between concurrent queries). Only a payment's
    // events post to the ledger, so an order in it has a payment and its PaymentIntent.
    private async Task<(string Intent, IReadOnlyList<LedgerRow> Rows)> LedgerOfAsync(TenantId coop, Guid order, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        var payment = await session.LoadAsync<Payment>(order, cancellationToken);
        var intent = payment?.IntentId ?? throw new InvalidOperationException($"Order {order} is in the ledger without a PaymentIntent.");
        return (intent, await session.OrderRowsAsync(order, cancellationToken));
    }
}

internal static class ReconciliationEndpoint
{
    public static void MapReconcile(this RouteGroupBuilder payments) =>
        payments.MapGet("/reconciliation", async (TenantId coop, [AsParameters] PeriodRequest period, Reconciler reconciler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await reconciler.ReconcileAsync(coop, period, cancellationToken)))
            .Validate<PeriodRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("Reconcile")
            .WithSummary("Compares the ledger of every order that moved money in the period (admins; ?from=&to=) with Stripe now — captured, refunded, each transfer, reversals, Stripe's fee — and lists every difference.")
            .Produces<ReconciliationReport>();
}
