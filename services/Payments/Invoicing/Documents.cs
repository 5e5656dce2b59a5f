using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;

namespace Marketplace.Payments.Invoicing;

/// <summary>
/// What a document is. A shop issues a receipt to its customer for each sub-order captured, and a credit note for each
/// refund of it; the cooperative invoices each shop its commission once a month (a credit note when the month's
/// refunded fees exceed its fees). Each issuer numbers each series without a gap (ADR 37).
/// </summary>
public static class DocumentKinds
{
    public const string Receipt = "receipt";
    public const string ReceiptCreditNote = "receipt-credit-note";
    public const string CommissionInvoice = "commission-invoice";
    public const string CommissionCreditNote = "commission-credit-note";

    /// <summary>The series a kind is numbered in (its number reads e.g. "F-000042").</summary>
    public static string SeriesOf(string kind) => kind switch
    {
        Receipt => "T", // ticket
        ReceiptCreditNote or CommissionCreditNote => "AV", // avoir
        CommissionInvoice => "F", // facture
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };
}

/// <summary>One line of a document: a price including VAT at its rate (basis points), times a quantity.</summary>
public sealed record DocumentLine(string? NameFr, string? NameEn, int Quantity, long UnitPrice, int VatRate, long Total);

/// <summary>The amounts at one VAT rate: Gross (VAT included) = Net + Vat.</summary>
public sealed record VatAmount(int Rate, long Net, long Vat, long Gross);

/// <summary>
/// What a document says, frozen when it is issued. Issuer is the shop (receipts and their credit notes) or
/// <see cref="Guid.Empty"/>, the cooperative (commission documents); Corrects names the receipt a credit note corrects;
/// Period is the month ("2026-11") of a commission document; RecipientName the shop a commission document is addressed
/// to (a receipt's customer is not named); IssuerAddress and RecipientAddress their postal addresses when known.
/// </summary>
public sealed record DocumentContent(
    string Kind, Guid Issuer, string IssuerName, string? RecipientName, Guid ShopId, Guid? OrderId, Guid? CustomerId, Guid? Corrects, string? Period,
    IReadOnlyList<DocumentLine> Lines, IReadOnlyList<VatAmount> Vat, long Total, string Currency, string? IssuerAddress = null, string? RecipientAddress = null);

/// <summary>A document was issued (in the payment's stream for receipts and credit notes, in the month's for commission documents).</summary>
public sealed record DocumentIssued(Guid DocumentId, DocumentContent Content, DateTimeOffset At);

/// <summary>The documents' contents, from the payment's facts only; pure, and every amount through <see cref="Allocator"/>.</summary>
public static class Documents
{
    /// <summary>The cooperative as an issuer.</summary>
    public static readonly Guid Cooperative = Guid.Empty;

    /// <summary>
    /// The shop's receipt for its captured sub-order: its lines as frozen at checkout (and the delivery fee, without
    /// VAT), the VAT per rate. When the lines do not add up to what was captured for the shop (never expected), one
    /// line at the captured amount stands for them, so a receipt always says what was paid.
    /// </summary>
    public static DocumentContent Receipt(
        CaptureLine captured, string shopName, Guid orderId, Guid customerId, IReadOnlyList<DocumentLine>? lines, long deliveryFee, string? shopAddress = null)
    {
        ArgumentNullException.ThrowIfNull(captured);
        var documentLines = (lines ?? []).ToList();
        if (deliveryFee > 0)
        {
            documentLines.Add(new DocumentLine("Livraison", "Delivery", 1, deliveryFee, 0, deliveryFee));
        }

        if (documentLines.Count == 0 || documentLines.Sum(l => l.Total) != captured.Subtotal.Minor)
        {
            documentLines = [new DocumentLine("Commande", "Order", 1, captured.Subtotal.Minor, 0, captured.Subtotal.Minor)];
        }

        return new DocumentContent(
            DocumentKinds.Receipt, captured.ShopId, shopName, null, captured.ShopId, orderId, customerId, null, null,
            documentLines, VatOf(documentLines), captured.Subtotal.Minor, captured.Subtotal.Currency, shopAddress);
    }

    /// <summary>
    /// The credit note for a refund of <paramref name="amount"/> on a receipt: the amount taken from the receipt's VAT
    /// rates in proportion to their gross amounts, each rate's VAT in the receipt's own ratio.
    /// </summary>
    public static DocumentContent CreditNote(DocumentContent receipt, Guid receiptId, long amount)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var parts = Allocator.Split(amount, [.. receipt.Vat.Select(v => v.Gross)]);
        var lines = receipt.Vat.Select((v, i) => new DocumentLine("Remboursement", "Refund", 1, parts[i], v.Rate, parts[i])).Where(l => l.Total > 0).ToList();
        return receipt with
        {
            Kind = DocumentKinds.ReceiptCreditNote,
            Corrects = receiptId,
            Lines = lines,
            Vat = VatOf(lines),
            Total = amount,
        };
    }

    /// <summary>
    /// The cooperative's commission document for one shop and month, from the ledger's net commission and its VAT over
    /// the month (fees of captures less fees refunded) and Stripe's fees on refunds charged to the shop, a line each: an
    /// invoice when the whole is positive, a credit note when negative (its lines then read as what is credited).
    /// </summary>
    public static DocumentContent? Commission(
        Guid shopId, string shopName, string cooperativeName, string period, int vatRate, string currency, (long Net, long Vat) fees, (long Net, long Vat) recharged,
        string? shopAddress = null)
    {
        if (fees is (0, 0) && recharged is (0, 0))
        {
            return null;
        }

        var net = fees.Net + recharged.Net;
        var vat = fees.Vat + recharged.Vat;
        var sign = net + vat < 0 ? -1 : 1;
        var gross = sign * (net + vat);
        var lines = new List<DocumentLine>();
        if (fees is not (0, 0))
        {
            lines.Add(new($"Commission {period}", $"Commission {period}", 1, sign * (fees.Net + fees.Vat), vatRate, sign * (fees.Net + fees.Vat)));
        }

        if (recharged is not (0, 0))
        {
            var amount = sign * (recharged.Net + recharged.Vat);
            lines.Add(new($"Frais Stripe sur remboursements {period}", $"Stripe's fees on refunds {period}", 1, amount, vatRate, amount));
        }

        return new DocumentContent(
            sign > 0 ? DocumentKinds.CommissionInvoice : DocumentKinds.CommissionCreditNote, Cooperative, cooperativeName, shopName, shopId, null, null, null, period,
            lines, [new VatAmount(vatRate, sign * net, sign * vat, gross)], gross, currency, RecipientAddress: shopAddress);
    }

    /// <summary>Each rate's gross, and its VAT (gross × rate / (10,000 + rate), through the allocator), lowest rate first.</summary>
    public static IReadOnlyList<VatAmount> VatOf(IEnumerable<DocumentLine> lines) =>
        [.. lines.GroupBy(l => l.VatRate).OrderBy(g => g.Key).Select(g =>
        {
            var gross = g.Sum(l => l.Total);
            var vat = Allocator.Split(gross, [FeeTerms.MaxBasisPoints, g.Key])[1];
            return new VatAmount(g.Key, gross - vat, vat, gross);
        })];
}
