using System.Globalization;
using System.Text;
using Marketplace.Contracts;

namespace Marketplace.Payments.Ledger;

/// <summary>
/// One line of a shop's statement: a sale (a captured sub-order), a refund, a transfer to the shop, a transfer taken
/// back for a refund, or Stripe's fee on a refund charged to the shop (in the commission columns: what the cooperative
/// charges the shop). Sale = Owed + CommissionNet + CommissionVat; Balance is what the cooperative owes the shop after it.
/// </summary>
public sealed record StatementRow(
    DateTimeOffset At, Guid OrderId, string Kind, string? Reference, Money Sale, Money CommissionNet, Money CommissionVat, Money Owed, Money Transferred, Money Balance);

/// <summary>A shop's money over a period, from the ledger: every cent it was owed and paid, and why.</summary>
public sealed record ShopStatement(
    Guid ShopId, DateOnly From, DateOnly To, Money OpeningBalance, Money Sales, Money CommissionNet, Money CommissionVat, Money Owed, Money Transferred,
    Money ClosingBalance, IReadOnlyList<StatementRow> Rows)
{
    /// <summary>The statement from the shop's ledger rows of the period (oldest first) and its payable balance before it.</summary>
    public static ShopStatement Of(Guid shop, DateOnly from, DateOnly to, long opening, IReadOnlyList<LedgerRow> rows)
    {
        var currency = rows.Count > 0 ? rows[0].Currency : "EUR";
        Money M(long minor) => new(minor, currency);
        var balance = opening;
        var lines = new List<StatementRow>();
        foreach (var entry in rows.GroupBy(r => (r.EntryId, r.Kind)))
        {
            long Net(string account) => entry.Where(r => r.Account == account).Sum(r => r.Credit - r.Debit);
            var payable = Net(LedgerAccounts.ShopPayable);
            var commission = Net(LedgerAccounts.Commission) + Net(LedgerAccounts.StripeFeesRecharged);
            var vat = Net(LedgerAccounts.CommissionVat);
            var moved = entry.Key.Kind is LedgerKinds.Transfer or LedgerKinds.TransferReversal;
            balance += payable;
            var first = entry.First();
            lines.Add(new StatementRow(
                first.At, first.OrderId, entry.Key.Kind, entry.Select(r => r.Reference).FirstOrDefault(r => r is not null),
                M(moved ? 0 : payable + commission + vat), M(commission), M(vat), M(moved ? 0 : payable), M(moved ? -payable : 0), M(balance)));
        }

        return new ShopStatement(
            shop, from, to, M(opening), M(lines.Sum(l => l.Sale.Minor)), M(lines.Sum(l => l.CommissionNet.Minor)), M(lines.Sum(l => l.CommissionVat.Minor)),
            M(lines.Sum(l => l.Owed.Minor)), M(lines.Sum(l => l.Transferred.Minor)), M(balance), lines);
    }

    /// <summary>
    /// The statement as a spreadsheet opens it: UTF-8 with a byte-order mark, CRLF; in French ";" between cells, a decimal
    /// comma and dd/MM/yyyy (what Excel expects in France), in English "," and a decimal point. Times in Europe/Paris.
    /// </summary>
    public string ToCsv(string language)
    {
        var french = language != "en";
        var culture = CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB");
        var separator = french ? ";" : ",";
        var csv = new StringBuilder("\uFEFF");
        void Line(params string[] cells) => csv.Append(string.Join(separator, cells.Select(c => Cell(c, separator)))).Append("\r\n");
        string Amount(Money m) => (m.Minor / 100m).ToString("0.00", culture);
        string Label(string kind) => (kind, french) switch
        {
            (LedgerKinds.Capture, true) => "Vente",
            (LedgerKinds.Capture, false) => "Sale",
            (LedgerKinds.Refund, true) => "Remboursement",
            (LedgerKinds.Refund, false) => "Refund",
            (LedgerKinds.Transfer, true) => "Virement",
            (LedgerKinds.Transfer, false) => "Transfer",
            (LedgerKinds.TransferReversal, true) => "Reprise de virement",
            (LedgerKinds.TransferReversal, false) => "Transfer reversed",
            (LedgerKinds.StripeFeeRecharge, true) => "Frais Stripe sur remboursement",
            (LedgerKinds.StripeFeeRecharge, false) => "Stripe's fee on a refund",
            _ => kind,
        };

        Line(french
            ? ["Date", "Commande", "Opération", "Référence", "Ventes TTC", "Commission HT", "TVA sur commission", "Dû à la boutique", "Viré", "Solde"]
            : ["Date", "Order", "Operation", "Reference", "Sales incl. VAT", "Commission excl. VAT", "VAT on commission", "Owed to the shop", "Transferred", "Balance"]);
        Line(From.ToString(french ? "dd/MM/yyyy" : "yyyy-MM-dd", culture), "", french ? "Solde d'ouverture" : "Opening balance", "", "", "", "", "", "", Amount(OpeningBalance));
        foreach (var row in Rows)
        {
            var at = TimeZoneInfo.ConvertTime(row.At, CooperativeTime.Zone);
            Line(
                at.ToString(french ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", culture), row.OrderId.ToString(), Label(row.Kind), row.Reference ?? "",
                Amount(row.Sale), Amount(row.CommissionNet), Amount(row.CommissionVat), Amount(row.Owed), Amount(row.Transferred), Amount(row.Balance));
        }

        Line(
            To.ToString(french ? "dd/MM/yyyy" : "yyyy-MM-dd", culture), "", french ? "Total de la période" : "Period total", "",
            Amount(Sales), Amount(CommissionNet), Amount(CommissionVat), Amount(Owed), Amount(Transferred), Amount(ClosingBalance));
        return csv.ToString();
    }

    // Quoted when it holds a separator, a quote or a line break; a text that a spreadsheet would read as a formula is
    // quoted with a leading apostrophe (amounts are written by us: a minus sign there is a number, not a formula).
    private static string Cell(string value, string separator)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' && !decimal.TryParse(value, NumberStyles.Any, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.Contains(separator, StringComparison.Ordinal) || value.IndexOfAny(['"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
