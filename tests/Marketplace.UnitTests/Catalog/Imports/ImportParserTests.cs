using System.Runtime.CompilerServices;
using System.Text;
using Marketplace.Catalog.Imports;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Marketplace.UnitTests.Catalog.Imports", Justification = "Named after the feature folder.")]

namespace Marketplace.UnitTests.Catalog.Imports;

public class ImportParserTests
{
    private const string Header = "sku;nom;catégorie;prix;tva;stock";

    [Fact]
    public void A_file_French_Excel_wrote_in_Windows_1252_reads_with_its_accents_quotes_and_decimal_commas()
    {
        // Given the bytes of "CSV (séparateur: point-virgule)" from a French Excel: Windows-1252, CRLF, a trailing ";;;;" line
        var bytes = File.ReadAllBytes(FileHere("excel-fr-windows-1252.csv"));
        Assert.Contains((byte)0xE9, bytes); // "é" is one byte: this really is not UTF-8

        // When it is parsed
        var file = Parsed(bytes);

        // Then the encoding, the separator and the French header names were recognised
        Assert.Equal("windows-1252", file.Encoding);
        Assert.Equal(';', file.Delimiter);
        Assert.Equal(
            new[] { ImportField.Sku, ImportField.Name, ImportField.Description, ImportField.Category, ImportField.Price, ImportField.Vat, ImportField.Stock }.Order(),
            file.Columns.Order());

        // and the three rows came out with their accents, quoted ";" and line breaks, euros and rates
        Assert.Equal(3, file.Rows.Count);
        var coffee = file.Rows[0];
        Assert.Equal(("CAF-001", "Café moulu 250 g", "Torréfié à Lyon; mouture fine", "Épicerie"), (coffee.Sku, coffee.NameFr, coffee.DescriptionFr, coffee.Category));
        Assert.Equal((690L, 550, 12), (coffee.PriceMinor, coffee.VatRate, coffee.Stock));
        Assert.Equal(2, coffee.Line);

        var tea = file.Rows[1];
        Assert.Equal("Thé vert « Sencha »", tea.NameFr);
        Assert.Equal("Récolte 2026\r\nen vrac", tea.DescriptionFr);
        Assert.Equal((1250L, 550, 0), (tea.PriceMinor, tea.VatRate, tea.Stock));
        Assert.Equal(3, tea.Line);

        var wine = file.Rows[2];
        Assert.Equal(("Côtes-du-Rhône", (string?)null, 980L, 2000, 24), (wine.NameFr, wine.DescriptionFr, wine.PriceMinor, wine.VatRate, wine.Stock));
        Assert.Equal(5, wine.Line); // the quoted line break moved it one line down
        Assert.All(file.Rows, row => Assert.Empty(row.Errors));
    }

    [Fact]
    public void A_UTF8_file_with_a_BOM_and_commas_reads_in_English()
    {
        var file = Parsed(File.ReadAllBytes(FileHere("excel-utf8-bom.csv")));

        Assert.Equal("utf-8", file.Encoding);
        Assert.Equal(',', file.Delimiter);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("CAF-001", "Café moulu", "Ground coffee", "Épicerie"), (row.Sku, row.NameFr, row.NameEn, row.Category));
        Assert.Equal((690L, 550, 12, "https://images.example.org/cafe.jpg"), (row.PriceMinor, row.VatRate, row.Stock, row.ImageUrl));
    }

    [Fact]
    public void UTF8_without_a_BOM_is_told_from_Windows_1252_by_its_bytes()
    {
        var text = Header + "\nCAF;Café;Épicerie;1;20;1\n";

        Assert.Equal("Café", Parsed(Encoding.UTF8.GetBytes(text)).Rows[0].NameFr);
        Assert.Equal("Café", Parsed(Windows1252(text)).Rows[0].NameFr);
        Assert.Equal("windows-1252", Parsed(Windows1252(text)).Encoding);
    }

    [Fact]
    public void A_tab_separated_file_is_read_with_tabs()
    {
        var file = Parsed(Encoding.UTF8.GetBytes("sku\tname\tcategory\tprice\tvat\nA-1\tPain; complet\tBoulangerie\t2,10\t5,5\n"));

        Assert.Equal('\t', file.Delimiter);
        Assert.Equal(("Pain; complet", 210L), (file.Rows[0].NameFr, file.Rows[0].PriceMinor));
    }

    [Theory]
    [InlineData("Référence;Nom;Catégorie;Prix;TVA")]
    [InlineData("REFERENCE;NOM;CATEGORIE;PRIX;TVA")]
    [InlineData("sku;name;category;price;vat")]
    [InlineData(" Sku ; Name ; Category ; Price ; VAT ")]
    [InlineData("reference;désignation;catégorie;prix ttc;taux TVA")]
    [InlineData("\"SKU\";\"Nom\";\"Catégorie\";\"Prix\";\"TVA\"")]
    public void Header_names_are_French_or_English_in_any_case_with_or_without_accents(string header)
    {
        var file = Parsed(Encoding.UTF8.GetBytes(header + "\nP-1;Pain;Boulangerie;1,20;5,5\n"));

        var row = Assert.Single(file.Rows);
        Assert.Equal(("P-1", "Pain", "Boulangerie", 120L, 550), (row.Sku, row.NameFr, row.Category, row.PriceMinor, row.VatRate));
    }

    [Fact]
    public void Columns_it_does_not_know_are_ignored_and_listed()
    {
        var file = Parsed(Encoding.UTF8.GetBytes("sku;nom;catégorie;prix;tva;fournisseur\nP-1;Pain;Boulangerie;1;5,5;Moulin\n"));

        Assert.Equal(["fournisseur"], file.IgnoredColumns);
    }

    [Fact]
    public void A_missing_required_column_is_named()
    {
        var outcome = ImportParser.Parse(Encoding.UTF8.GetBytes("sku;nom;prix\nP-1;Pain;1\n"));

        Assert.Null(outcome.File);
        Assert.Equal(["catégorie / category", "tva / vat"], outcome.Problems.Where(p => p.Code == "header.missing").Select(p => p.Args[0]));
        Assert.Equal("Colonne obligatoire absente de l'en-tête : tva / vat.", ImportMessages.Render("header.missing", ["tva / vat"], "fr"));
        Assert.Equal("Required column missing from the header: tva / vat.", ImportMessages.Render("header.missing", ["tva / vat"], "en"));
    }

    [Fact]
    public void A_column_named_twice_is_refused()
    {
        var outcome = ImportParser.Parse(Encoding.UTF8.GetBytes("sku;nom;name;catégorie;prix;tva\n"));

        Assert.Contains(outcome.Problems, p => p.Code == "header.duplicate" && p.Args.SequenceEqual(["nom", "name"]));
    }

    [Theory]
    [InlineData(new byte[0], "file.empty")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "file.not_text")]
    public void What_is_not_a_CSV_text_is_refused(byte[] bytes, string code)
    {
        var outcome = ImportParser.Parse(bytes);

        Assert.Null(outcome.File);
        Assert.Equal(code, Assert.Single(outcome.Problems).Code);
    }

    [Fact]
    public void A_header_without_rows_is_refused() =>
        Assert.Equal("file.no_rows", Assert.Single(ImportParser.Parse(Encoding.UTF8.GetBytes(Header + "\r\n\r\n;;;;;\r\n")).Problems).Code);

    [Theory]
    [InlineData("12,50", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("12,5", 1250)]
    [InlineData("12", 1200)]
    [InlineData("12,50 €", 1250)]
    [InlineData("€12.50", 1250)]
    [InlineData("12,50EUR", 1250)]
    [InlineData("1 234,50", 123450)]
    [InlineData("1\u202F234,50", 123450)]
    [InlineData("1.234,50", 123450)]
    [InlineData("1,234.50", 123450)]
    [InlineData("1.234.567", 123456700)]
    [InlineData("0,10", 10)]
    [InlineData("0.1", 10)]
    [InlineData("19,990", 1999)]
    [InlineData("100000", 10000000)]
    public void Prices_are_read_exactly_with_comma_or_point(string raw, long minor) =>
        Assert.Equal((minor, (string?)null), ImportParser.ParsePrice(raw));

    [Theory]
    [InlineData("douze", "price.invalid")]
    [InlineData("12,50,3", "price.invalid")]
    [InlineData("1e3", "price.invalid")]
    [InlineData("12,505", "price.decimals")]
    [InlineData("0,001", "price.decimals")]
    public void Prices_that_are_not_prices_are_errors(string raw, string code) =>
        Assert.Equal(code, ImportParser.ParsePrice(raw).Error);

    [Theory]
    [InlineData("20", 2000)]
    [InlineData("10", 1000)]
    [InlineData("5,5", 550)]
    [InlineData("5.5 %", 550)]
    [InlineData("5,50%", 550)]
    [InlineData("2,1", 210)]
    [InlineData("0", 0)]
    public void VAT_rates_become_basis_points(string raw, int basisPoints) =>
        Assert.Equal(basisPoints, ImportParser.ParseVatRate(raw));

    [Theory]
    [InlineData("vingt")]
    [InlineData("5,555")]
    [InlineData("-5")]
    [InlineData("%")]
    public void VAT_rates_that_are_not_numbers_are_null(string raw) => Assert.Null(ImportParser.ParseVatRate(raw));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData("1 200", 1200)]
    public void Quantities_are_whole_numbers(string raw, int quantity) => Assert.Equal(quantity, ImportParser.ParseQuantity(raw));

    [Theory]
    [InlineData("-1")]
    [InlineData("1,5")]
    [InlineData("beaucoup")]
    public void Quantities_that_are_negative_or_not_whole_are_null(string raw) => Assert.Null(ImportParser.ParseQuantity(raw));

    [Fact]
    public void Each_row_carries_its_own_errors_with_the_offending_value()
    {
        var file = Parsed(Encoding.UTF8.GetBytes(string.Join("\n",
            Header,
            "A-1;Pain;Boulangerie;1,20;5,5;3",
            ";Sans référence;Boulangerie;1;5,5;1",
            "A-3;Prix faux;Boulangerie;douze;5,5;1",
            "A-4;TVA fausse;Boulangerie;1;vingt;1",
            "A-5;Stock faux;Boulangerie;1;20;-2",
            "A-1;Doublon;Boulangerie;1;20;1",
            "A-7;;Boulangerie;;;")));

        Assert.Empty(file.Rows[0].Errors);
        Assert.Equal(["sku.required"], Codes(file.Rows[1]));
        Assert.Equal(["price.invalid"], Codes(file.Rows[2]));
        Assert.Equal(["douze"], file.Rows[2].Errors[0].Args);
        Assert.Equal(["vat.invalid"], Codes(file.Rows[3]));
        Assert.Equal(["stock.invalid"], Codes(file.Rows[4]));
        Assert.Equal(["sku.duplicate"], Codes(file.Rows[5]));
        Assert.Equal(["2"], file.Rows[5].Errors[0].Args); // the line where A-1 first appears
        Assert.Equal(["price.required", "vat.required", "name.required"], Codes(file.Rows[6]));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], file.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Rows_shorter_than_the_header_leave_the_missing_cells_empty()
    {
        var file = Parsed(Encoding.UTF8.GetBytes("sku;nom;catégorie;prix;tva;stock;description\nA-1;Pain;Boulangerie;1;5,5\n"));

        var row = Assert.Single(file.Rows);
        Assert.Empty(row.Errors);
        Assert.Null(row.Stock);
        Assert.Null(row.DescriptionFr);
    }

    [Theory]
    [InlineData("Référence", "reference")]
    [InlineData("  QUANTITÉ ", "quantite")]
    [InlineData("Prix TTC (€)", "prix_ttc")]
    [InlineData("image-url", "image_url")]
    public void Header_names_are_normalised(string raw, string normalised) => Assert.Equal(normalised, ImportParser.NormalizeHeader(raw));

    [Fact]
    public void Every_message_code_has_a_French_and_an_English_text_that_differ()
    {
        foreach (var code in ImportMessages.Codes)
        {
            var args = new[] { "x", "y" };
            Assert.NotEqual(ImportMessages.Render(code, args, "fr"), ImportMessages.Render(code, args, "en"));
        }
    }

    private static ParsedFile Parsed(byte[] bytes)
    {
        var outcome = ImportParser.Parse(bytes);
        Assert.True(outcome.File is not null, string.Join(", ", outcome.Problems.Select(p => p.Code)));
        return outcome.File;
    }

    private static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    private static string[] Codes(ParsedRow row) => [.. row.Errors.Select(e => e.Code)];

    private static string FileHere(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Files", name);
}
