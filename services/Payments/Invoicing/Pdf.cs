using System.Globalization;
using System.Text;

namespace Marketplace.Payments.Invoicing;

/// <summary>
/// A small PDF 1.4 writer for text documents: A4 pages, Helvetica and Helvetica-Bold (two of the fonts every PDF reader
/// has, so nothing is embedded) in WinAnsiEncoding, which covers French (é, à, ç, œ, €...); uncompressed content, so
/// tests can read the text back. Coordinates are points from the page's bottom left corner.
/// </summary>
internal sealed class Pdf
{
    public const double Width = 595.28;
    public const double Height = 841.89;

    private readonly List<StringBuilder> _pages = [];

    public Pdf() => NewPage();

    private StringBuilder Page => _pages[^1];

    public void NewPage() => _pages.Add(new StringBuilder());

    /// <summary>Text with its left end at x (or its right end, when <paramref name="rightAligned"/>).</summary>
    public void Text(double x, double y, string text, double size = 10, bool bold = false, bool rightAligned = false)
    {
        var left = rightAligned ? x - (TextWidth(text) * size / 1000) : x;
        Page.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {size:0.##} Tf {left:0.##} {y:0.##} Td (");
        foreach (var b in WinAnsi(text))
        {
            _ = b switch
            {
                (byte)'(' or (byte)')' or (byte)'\\' => Page.Append('\\').Append((char)b),
                < 32 or > 126 => Page.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')),
                _ => Page.Append((char)b),
            };
        }

        Page.Append(") Tj ET\n");
    }

    public void Rule(double x1, double y, double x2) => Page.Append(CultureInfo.InvariantCulture, $"0.5 w {x1:0.##} {y:0.##} m {x2:0.##} {y:0.##} l S\n");

    public byte[] ToBytes()
    {
        // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its content per page.
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii($"<< /Type /Pages /Kids [{string.Join(' ', _pages.Select((_, i) => $"{5 + (2 * i)} 0 R"))}] /Count {_pages.Count} >>"),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
        };
        for (var i = 0; i < _pages.Count; i++)
        {
            objects.Add(Ascii(string.Create(
                CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Width:0.##} {Height:0.##}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + (2 * i)} 0 R >>")));
            var content = Latin1(_pages[i].ToString());
            objects.Add([.. Ascii($"<< /Length {content.Length} >>\nstream\n"), .. content, .. Ascii("\nendstream")]);
        }

        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n", Encoding.Latin1));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>The text in WinAnsiEncoding (Windows-1252): Latin-1 plus €, œ, typographic quotes and dashes; anything else is "?".</summary>
    internal static byte[] WinAnsi(string text) =>
        [.. text.Select(c => c switch
        {
            '€' => (byte)0x80,
            '‚' => (byte)0x82,
            '…' => (byte)0x85,
            '‘' => (byte)0x91,
            '’' => (byte)0x92,
            '“' => (byte)0x93,
            '”' => (byte)0x94,
            '–' => (byte)0x96,
            '—' => (byte)0x97,
            'Œ' => (byte)0x8C,
            'œ' => (byte)0x9C,
            '\u202F' or '\u00A0' => (byte)' ', // French number formats use (narrow) no-break spaces
            >= ' ' and <= '~' => (byte)c,
            >= '\u00A1' and <= '\u00FF' => (byte)c,
            _ => (byte)'?',
        })];

    // Helvetica's advance widths (1/1000 em) for what is right-aligned here: amounts, rates and dates; 556 otherwise.
    private static double TextWidth(string text) => text.Sum(c => c switch
    {
        ' ' or ',' or '.' or '/' or ':' or '\u202F' or '\u00A0' => 278,
        '-' => 333,
        '%' => 889,
        _ => 556,
    });

    private static byte[] Ascii(string text, Encoding? encoding = null) => (encoding ?? Encoding.ASCII).GetBytes(text);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
