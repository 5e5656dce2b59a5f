using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Payments.Ledger;

namespace Marketplace.Payments.Invoicing;

/// <summary>A document as a one-or-more-page A4 PDF, in French or English: who issued it, to whom, its lines, the VAT per rate and its total.</summary>
internal static class DocumentPdf
{
    private const double Margin = 50;
    private const double Bottom = 90;
    private const double Row = 16;

    public static byte[] Render(IssuedDocument document, string? correctedNumber, string language)
    {
        var fr = language != "en";
        var culture = CultureInfo.GetCultureInfo(fr ? "fr-FR" : "en-GB");
        var content = document.Content;
        string Money(long minor) => FormatMoney(minor, content.Currency, culture);
        var pdf = new Pdf();
        var y = Pdf.Height - 70;

        pdf.Text(Margin, y, Title(content.Kind, fr), 18, bold: true);
        pdf.Text(Pdf.Width - Margin, y, (fr ? "N° " : "No. ") + document.Number, 12, bold: true, rightAligned: true);
        y -= 28;
        var issued = TimeZoneInfo.ConvertTime(document.IssuedAt, CooperativeTime.Zone);
        pdf.Text(Margin, y, (fr ? "Émis le " : "Issued on ") + issued.ToString(fr ? "dd/MM/yyyy HH:mm" : "d MMMM yyyy, HH:mm", culture));
        y -= Row;
        pdf.Text(Margin, y, (fr ? "Émetteur : " : "Issuer: ") + (content.Issuer == Documents.Cooperative ? (fr ? "Coopérative " : "Cooperative ") : string.Empty) + content.IssuerName, bold: true);
        y -= Row;
        if (content.IssuerAddress is { } issuerAddress)
        {
            pdf.Text(Margin, y, issuerAddress);
            y -= Row;
        }

        if (content.RecipientName is { } recipient)
        {
            pdf.Text(Margin, y, (fr ? "Destinataire : " : "Recipient: ") + recipient);
            y -= Row;
        }

        if (content.RecipientAddress is { } recipientAddress)
        {
            pdf.Text(Margin, y, recipientAddress);
            y -= Row;
        }

        if (content.OrderId is { } order)
        {
            pdf.Text(Margin, y, (fr ? "Commande : " : "Order: ") + order);
            y -= Row;
        }

        if (content.Period is { } period)
        {
            pdf.Text(Margin, y, (fr ? "Période : " : "Period: ") + period);
            y -= Row;
        }

        if (correctedNumber is not null)
        {
            pdf.Text(Margin, y, (fr ? "Corrige le document n° " : "Corrects document no. ") + correctedNumber);
            y -= Row;
        }

        y -= Row;
        double[] right = [370, 430, 480, Pdf.Width - Margin];
        void Header(ref double top)
        {
            pdf.Text(Margin, top, fr ? "Désignation" : "Item", bold: true);
            pdf.Text(right[0], top, fr ? "Qté" : "Qty", bold: true, rightAligned: true);
            pdf.Text(right[1], top, fr ? "PU TTC" : "Unit price", bold: true, rightAligned: true);
            pdf.Text(right[2], top, fr ? "TVA" : "VAT", bold: true, rightAligned: true);
            pdf.Text(right[3], top, fr ? "Total TTC" : "Total incl. VAT", bold: true, rightAligned: true);
            pdf.Rule(Margin, top - 5, Pdf.Width - Margin);
            top -= Row + 4;
        }

        Header(ref y);
        foreach (var line in content.Lines)
        {
            if (y < Bottom)
            {
                pdf.NewPage();
                y = Pdf.Height - 70;
                Header(ref y);
            }

            var name = (fr ? line.NameFr ?? line.NameEn : line.NameEn ?? line.NameFr) ?? string.Empty;
            pdf.Text(Margin, y, name.Length > 55 ? name[..54] + "…" : name);
            pdf.Text(right[0], y, line.Quantity.ToString(culture), rightAligned: true);
            pdf.Text(right[1], y, Money(line.UnitPrice), rightAligned: true);
            pdf.Text(right[2], y, Rate(line.VatRate, culture), rightAligned: true);
            pdf.Text(right[3], y, Money(line.Total), rightAligned: true);
            y -= Row;
        }

        if (y < Bottom + ((content.Vat.Count + 4) * Row))
        {
            pdf.NewPage();
            y = Pdf.Height - 70;
        }

        y -= Row;
        pdf.Text(Margin, y, fr ? "Taux de TVA" : "VAT rate", bold: true);
        pdf.Text(right[1], y, fr ? "HT" : "Net", bold: true, rightAligned: true);
        pdf.Text(right[2] + 20, y, fr ? "TVA" : "VAT", bold: true, rightAligned: true);
        pdf.Text(right[3], y, "TTC", bold: true, rightAligned: true);
        pdf.Rule(Margin, y - 5, Pdf.Width - Margin);
        y -= Row + 4;
        foreach (var vat in content.Vat)
        {
            pdf.Text(Margin, y, Rate(vat.Rate, culture));
            pdf.Text(right[1], y, Money(vat.Net), rightAligned: true);
            pdf.Text(right[2] + 20, y, Money(vat.Vat), rightAligned: true);
            pdf.Text(right[3], y, Money(vat.Gross), rightAligned: true);
            y -= Row;
        }

        y -= Row;
        pdf.Text(right[2], y, fr ? "Total TTC" : "Total incl. VAT", 12, bold: true, rightAligned: true);
        pdf.Text(right[3], y, Money(content.Total), 12, bold: true, rightAligned: true);
        pdf.Text(Margin, 58, fr ? "Document émis par la place de marché de la coopérative pour le compte de son émetteur." : "Issued by the cooperative's marketplace on behalf of its issuer.", 8);
        pdf.Text(Margin, 47, fr ? "Un document émis ne change jamais : une correction fait l'objet d'un avoir." : "An issued document never changes: a correction is a credit note.", 8);
        return pdf.ToBytes();
    }

    public static string Title(string kind, bool fr) => kind switch
    {
        DocumentKinds.Receipt => fr ? "Ticket de caisse" : "Receipt",
        DocumentKinds.ReceiptCreditNote => fr ? "Avoir" : "Credit note",
        DocumentKinds.CommissionInvoice => fr ? "Facture de commission" : "Commission invoice",
        _ => fr ? "Avoir sur commission" : "Commission credit note",
    };

    private static string FormatMoney(long minor, string currency, CultureInfo culture)
    {
        var amount = (minor / 100m).ToString("N2", culture);
        var symbol = currency == "EUR" ? "€" : currency;
        return culture.Name == "fr-FR" ? $"{amount} {symbol}" : $"{symbol}{amount}";
    }

    private static string Rate(int basisPoints, CultureInfo culture) => (basisPoints / 100m).ToString("0.##", culture) + " %";
}
