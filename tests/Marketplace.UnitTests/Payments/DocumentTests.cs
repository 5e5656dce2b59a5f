using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Invoicing;

namespace Marketplace.UnitTests.Payments;

/// <summary>Receipts, credit notes and commission documents from the payment's facts, and their PDF.</summary>
public sealed partial class DocumentTests
{
    private static readonly Guid Shop = Guid.NewGuid();

    [Fact]
    public void A_receipt_lists_the_sub_orders_lines_and_its_delivery_and_gives_the_VAT_per_rate()
    {
        // Bread at 5.5 %, a knife at 20 %, delivery without VAT: 2 × 1.30 + 12.00 + 3.50 = 18.10
        DocumentLine[] lines = [Line("Pain", 2, 130, 550), Line("Couteau", 1, 1_200, 2_000)];
        var receipt = Documents.Receipt(Captured(1_810), "Fournil", Guid.NewGuid(), Guid.NewGuid(), lines, 350);

        Assert.Equal(DocumentKinds.Receipt, receipt.Kind);
        Assert.Equal(["Pain", "Couteau", "Livraison"], receipt.Lines.Select(l => l.NameFr));
        Assert.Equal(1_810, receipt.Total);
        // 3.50 at 0 %; 2.60 × 550 / 10,550 = 0.1355 → 14; 12.00 × 2,000 / 12,000 = 2.00
        Assert.Equal([new VatAmount(0, 350, 0, 350), new VatAmount(550, 246, 14, 260), new VatAmount(2_000, 1_000, 200, 1_200)], receipt.Vat);
    }

    [Fact]
    public void A_receipt_whose_lines_do_not_add_up_to_the_capture_says_what_was_captured() =>
        Assert.Equal(
            [new DocumentLine("Commande", "Order", 1, 999, 0, 999)],
            Documents.Receipt(Captured(999), "Fournil", Guid.NewGuid(), Guid.NewGuid(), [Line("Pain", 1, 130, 550)], 0).Lines);

    [Fact]
    public void A_credit_note_takes_the_refund_from_the_receipts_rates_in_proportion_and_adds_up_to_it() =>
        Check.Sample(Gen.Select(Gen.Long[1, 100_000], Gen.Long[0, 100_000], Gen.Double[0, 1]), c =>
        {
            var (bread, knife, fraction) = c;
            var total = bread + knife;
            var receipt = Documents.Receipt(Captured(total), "Fournil", Guid.NewGuid(), Guid.NewGuid(), [Line("Pain", 1, bread, 550), Line("Couteau", 1, knife, 2_000)], 0);
            var amount = (long)Math.Floor(total * fraction);
            var note = Documents.CreditNote(receipt, Guid.NewGuid(), amount);

            Assert.Equal((DocumentKinds.ReceiptCreditNote, amount), (note.Kind, note.Total));
            Assert.Equal(amount, note.Vat.Sum(v => v.Gross));
            Assert.All(note.Vat, v => Assert.Equal(v.Gross, v.Net + v.Vat));
            Assert.All(note.Vat, v => Assert.True(v.Gross <= receipt.Vat.Single(r => r.Rate == v.Rate).Gross));
            if (amount == total)
            {
                Assert.Equal(receipt.Vat, note.Vat); // the whole refunded gives back exactly the receipt's VAT
            }
        }, iter: 10_000);

    [Fact]
    public void A_months_commission_is_an_invoice_when_fees_outweigh_refunds_a_credit_note_otherwise_and_nothing_when_even()
    {
        var invoice = Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (1_000, 200), (0, 0))!;
        var credit = Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (-50, -10), (0, 0))!;

        Assert.Equal((DocumentKinds.CommissionInvoice, 1_200L, Documents.Cooperative, "Fournil"), (invoice.Kind, invoice.Total, invoice.Issuer, invoice.RecipientName));
        Assert.Equal([new VatAmount(2_000, 1_000, 200, 1_200)], invoice.Vat);
        Assert.Equal(1_200, Assert.Single(invoice.Lines).Total);
        Assert.Equal((DocumentKinds.CommissionCreditNote, 60L), (credit.Kind, credit.Total));
        Assert.Null(Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (0, 0), (0, 0)));
        Assert.Equal("F", DocumentKinds.SeriesOf(invoice.Kind));
        Assert.Equal("AV", DocumentKinds.SeriesOf(credit.Kind));
    }

    [Fact]
    public void Stripes_fees_on_refunds_charged_to_the_shop_are_a_line_of_their_own_on_the_months_commission_document()
    {
        // Fees 1,200 (200 of VAT) and 30 of Stripe's fees recharged (5 of VAT): one invoice of 1,230 with two lines at 20 %
        var invoice = Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (1_000, 200), (25, 5))!;
        Assert.Equal((DocumentKinds.CommissionInvoice, 1_230L), (invoice.Kind, invoice.Total));
        Assert.Equal([1_200L, 30L], invoice.Lines.Select(l => l.Total));
        Assert.Equal(("Frais Stripe sur remboursements 2026-11", "Stripe's fees on refunds 2026-11"), (invoice.Lines[1].NameFr, invoice.Lines[1].NameEn));
        Assert.Equal([new VatAmount(2_000, 1_025, 205, 1_230)], invoice.Vat);

        // A month of refunds only (fees -60) with 30 recharged: a credit note of 30, the recharge reading as a deduction
        var credit = Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (-50, -10), (25, 5))!;
        Assert.Equal((DocumentKinds.CommissionCreditNote, 30L), (credit.Kind, credit.Total));
        Assert.Equal([60L, -30L], credit.Lines.Select(l => l.Total));
        Assert.Equal(credit.Total, credit.Lines.Sum(l => l.Total));

        // Recharges only (no fee that month): the invoice has the one line
        Assert.Equal("Frais Stripe sur remboursements 2026-11", Assert.Single(Documents.Commission(Shop, "Fournil", "coop-test", "2026-11", 2_000, "EUR", (0, 0), (25, 5))!.Lines).NameFr);
    }

    [Fact]
    public void The_month_due_is_the_last_one_ended_in_Paris_an_hour_ago()
    {
        // 1 December 00:30 in Paris is 30 November 23:30 UTC: November ended only 30 minutes ago, so October is due
        Assert.Equal("2026-10", CommissionInvoicing.DueMonth(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)).Period);
        var (period, start, end) = CommissionInvoicing.DueMonth(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero));
        Assert.Equal(("2026-11", new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)), (period, start, end));
    }

    [Fact]
    public void The_PDF_is_well_formed_and_says_the_document_in_its_language()
    {
        var content = Documents.Receipt(Captured(1_810), "Fournil (Brûlé)", Guid.NewGuid(), Guid.NewGuid(), [Line("Pain d'épices", 2, 130, 550), Line("Couteau", 1, 1_200, 2_000)], 350);
        var document = new IssuedDocument(Guid.NewGuid(), "T-000007", new DateTimeOffset(2026, 12, 4, 9, 5, 0, TimeSpan.Zero), content);

        var french = Encoding.Latin1.GetString(DocumentPdf.Render(document, null, "fr"));
        var english = Encoding.Latin1.GetString(DocumentPdf.Render(document, null, "en"));

        foreach (var pdf in new[] { french, english })
        {
            Assert.StartsWith("%PDF-1.4", pdf, StringComparison.Ordinal);
            Assert.EndsWith("%%EOF\n", pdf, StringComparison.Ordinal);
            // startxref points at the table, and each entry of the table at its object
            var xref = int.Parse(StartXref().Match(pdf).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("xref", pdf[xref..], StringComparison.Ordinal);
            var offsets = XrefEntry().Matches(pdf[xref..]).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(6, offsets.Count); // catalog, pages, two fonts, one page and its content
            Assert.All(offsets.Select((offset, i) => (offset, i)), o => Assert.StartsWith($"{o.i + 1} 0 obj", pdf[o.offset..], StringComparison.Ordinal));
        }

        // Parentheses escaped, accents and € in WinAnsiEncoding (é = \351, û = \373, € = \200), 5.5 % in each language's way
        Assert.Contains(@"Fournil \(Br\373l\351\))", french, StringComparison.Ordinal);
        Assert.Contains(@"(Pain d'\351pices)", french, StringComparison.Ordinal);
        Assert.Contains("(Ticket de caisse)", french, StringComparison.Ordinal);
        Assert.Contains(@"(18,10 \200)", french, StringComparison.Ordinal);
        Assert.Contains("(5,5 %)", french, StringComparison.Ordinal);
        Assert.Contains(@"(\311mis le 04/12/2026 10:05)", french, StringComparison.Ordinal); // É = \311, in Paris' time
        Assert.Contains("(Receipt)", english, StringComparison.Ordinal);
        Assert.Contains(@"(\20018.10)", english, StringComparison.Ordinal);
        Assert.Contains("(5.5 %)", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_outside_WinAnsi_becomes_a_question_mark_and_no_break_spaces_plain_spaces() =>
        Assert.Equal([(byte)'?', (byte)' ', (byte)'1', (byte)' ', (byte)'0', (byte)'0', (byte)'0', (byte)' ', 0x80, (byte)' ', 0x9C], Pdf.WinAnsi("中 1\u202f000 € œ"));

    private static CaptureLine Captured(long subtotal) =>
        new(Shop, new Money(subtotal, "EUR"), new Money(subtotal, "EUR"), new Money(0, "EUR"), new Money(0, "EUR"), new Money(subtotal, "EUR"), 0, FeeTerms.Default);

    private static DocumentLine Line(string name, int quantity, long unitPrice, int vatRate) => new(name, name, quantity, unitPrice, vatRate, unitPrice * quantity);

    [GeneratedRegex(@"startxref\n(\d+)\n")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) 00000 n ")]
    private static partial Regex XrefEntry();
}
