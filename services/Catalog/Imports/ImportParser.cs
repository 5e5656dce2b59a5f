using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Marketplace.Catalog.Imports;

/// <summary>The product fields an import file may carry, whatever its header calls them.</summary>
public enum ImportField
{
    Sku,
    Name,
    NameEn,
    Description,
    DescriptionEn,
    Category,
    Price,
    Vat,
    Stock,
    Image,
    SoldBy,
    NetQuantity,
    Allergens,
    Labels,
    Origin,
}

/// <summary>One product row of the file, as read: the values that parsed, and the problems of those that did not.</summary>
public sealed record ParsedRow(
    int Line,
    string Sku,
    string? NameFr,
    string? NameEn,
    string? DescriptionFr,
    string? DescriptionEn,
    string? Category,
    long? PriceMinor,
    int? VatRate,
    int? Stock,
    string? ImageUrl,
    IReadOnlyList<ImportMessage> Errors,
    ImportFood? Food = null);

/// <summary>A file read to the end: how it was read, which columns it has, and its rows.</summary>
public sealed record ParsedFile(string Encoding, char Delimiter, IReadOnlySet<ImportField> Columns, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ParsedRow> Rows);

/// <summary>
/// Either the file, or why it cannot be read as a product list at all (400). <c>Header</c>: the file's columns when its
/// header is what is wrong (a column missing or named twice), so the shop can say which column is which.
/// </summary>
public sealed record ParseOutcome(ParsedFile? File, IReadOnlyList<ImportMessage> Problems, IReadOnlyList<HeaderColumn>? Header = null)
{
    public static ParseOutcome Fail(params ImportMessage[] problems) => new(null, problems);
}

/// <summary>A column of a file's header: its name as written, and its value on the first product row (to recognise it by).</summary>
public sealed record HeaderColumn(string Name, string? Example);

/// <summary>
/// A shop's own names for its file's columns, remembered from its first import: normalized header name
/// (<see cref="ImportParser.NormalizeHeader"/>) → the field it holds, or null for a column to ignore. <c>VatRate</c>
/// (basis points): the rate of every row when the file has no VAT column (a till export often has none).
/// </summary>
public sealed record ColumnMapping(IReadOnlyDictionary<string, ImportField?> Columns, int? VatRate)
{
    public static readonly ColumnMapping None = new(new Dictionary<string, ImportField?>(), null);
}

/// <summary>
/// Reads a product list as a shop's till or spreadsheet writes it. French Excel's "CSV (séparateur: point-virgule)"
/// is the reference: `;` between fields, decimal comma, Windows-1252 (or UTF-8 with a BOM from "CSV UTF-8"). A header
/// line is required; its names are French or English, any case, with or without accents. Fields are parsed from their
/// text (prices and rates as decimals, never floating point); the product rules are checked afterwards, by the caller.
/// </summary>
public static class ImportParser
{
    public const int MaxRows = 20_000;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, ImportField> Aliases = new(StringComparer.Ordinal)
    {
        ["sku"] = ImportField.Sku,
        ["reference"] = ImportField.Sku,
        ["ref"] = ImportField.Sku,
        ["code_article"] = ImportField.Sku,
        ["code_produit"] = ImportField.Sku,
        ["code_barre"] = ImportField.Sku,
        ["ean"] = ImportField.Sku,
        ["nom"] = ImportField.Name,
        ["name"] = ImportField.Name,
        ["nom_fr"] = ImportField.Name,
        ["name_fr"] = ImportField.Name,
        ["designation"] = ImportField.Name,
        ["libelle"] = ImportField.Name,
        ["nom_en"] = ImportField.NameEn,
        ["name_en"] = ImportField.NameEn,
        ["description"] = ImportField.Description,
        ["description_fr"] = ImportField.Description,
        ["description_en"] = ImportField.DescriptionEn,
        ["categorie"] = ImportField.Category,
        ["category"] = ImportField.Category,
        ["rayon"] = ImportField.Category,
        ["famille"] = ImportField.Category,
        ["prix"] = ImportField.Price,
        ["price"] = ImportField.Price,
        ["prix_ttc"] = ImportField.Price,
        ["prix_de_vente"] = ImportField.Price,
        ["prix_de_vente_ttc"] = ImportField.Price,
        ["prix_vente_ttc"] = ImportField.Price,
        ["pv_ttc"] = ImportField.Price,
        ["tva"] = ImportField.Vat,
        ["taux_de_tva"] = ImportField.Vat,
        ["vat"] = ImportField.Vat,
        ["taux_tva"] = ImportField.Vat,
        ["vat_rate"] = ImportField.Vat,
        ["stock"] = ImportField.Stock,
        ["quantite"] = ImportField.Stock,
        ["quantity"] = ImportField.Stock,
        ["qte"] = ImportField.Stock,
        ["image"] = ImportField.Image,
        ["image_url"] = ImportField.Image,
        ["url_image"] = ImportField.Image,
        ["vendu_au"] = ImportField.SoldBy,
        ["vendu_a"] = ImportField.SoldBy,
        ["vente_au"] = ImportField.SoldBy,
        ["unite_de_vente"] = ImportField.SoldBy,
        ["sold_by"] = ImportField.SoldBy,
        ["quantite_nette"] = ImportField.NetQuantity,
        ["poids_net"] = ImportField.NetQuantity,
        ["poids"] = ImportField.NetQuantity,
        ["contenance"] = ImportField.NetQuantity,
        ["volume"] = ImportField.NetQuantity,
        ["net_quantity"] = ImportField.NetQuantity,
        ["weight"] = ImportField.NetQuantity,
        ["allergenes"] = ImportField.Allergens,
        ["allergens"] = ImportField.Allergens,
        ["labels"] = ImportField.Labels,
        ["label"] = ImportField.Labels,
        ["signes_de_qualite"] = ImportField.Labels,
        ["origine"] = ImportField.Origin,
        ["origin"] = ImportField.Origin,
        ["provenance"] = ImportField.Origin,
        ["pays_d_origine"] = ImportField.Origin,
    };

    /// <summary>How a missing required column is named to the shop: the French name first, then the English one.</summary>
    private static readonly (ImportField Field, string Names)[] Required =
    [
        (ImportField.Sku, "sku / référence"),
        (ImportField.Name, "nom / name"),
        (ImportField.Category, "catégorie / category"),
        (ImportField.Price, "prix / price"),
        (ImportField.Vat, "tva / vat"),
    ];

    static ImportParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The field a column of this (normalized) name holds by default, if any.</summary>
    public static ImportField? FieldOf(string normalizedName) => Aliases.TryGetValue(normalizedName, out var field) ? field : null;

    public static ParseOutcome Parse(ReadOnlySpan<byte> bytes, ColumnMapping? mapping = null)
    {
        if (bytes.IsEmpty)
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.empty"));
        }

        var (text, encoding) = Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.not_text"));
        }

        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.empty"));
        }

        var delimiter = DetectDelimiter(text);
        try
        {
            return Read(text, encoding, delimiter, mapping ?? ColumnMapping.None);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException)
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.unreadable", e.Message));
        }
    }

    /// <summary>
    /// UTF-8 when the file says so (BOM) or is valid UTF-8 (a file of plain ASCII is both); UTF-16 with its BOM
    /// (Excel's "Unicode text"); otherwise Windows-1252, what French Excel and most tills write.
    /// </summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
        }
    }

    /// <summary>`;` unless the header line clearly uses tabs or commas instead (more of them, outside quotes).</summary>
    public static char DetectDelimiter(string text)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ';': semicolons++; break;
                    case ',': commas++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        return tabs > semicolons && tabs >= commas ? '\t'
            : commas > semicolons && commas > tabs ? ','
            : ';';
    }

    /// <summary>"Référence", "REFERENCE", " référence " → "reference"; "Prix TTC" → "prix_ttc".</summary>
    public static string NormalizeHeader(string name)
    {
        var decomposed = name.Trim().Trim('\uFEFF').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    private static ParseOutcome Read(string text, string encoding, char delimiter, ColumnMapping mapping)
    {
        using var reader = Sep.New(delimiter).Reader(o => o with
        {
            HasHeader = false, // read by hand: names are matched loosely and duplicates reported, not thrown
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
        }).FromText(text);

        if (!reader.MoveNext())
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.empty"));
        }

        var header = reader.Current;
        var headerNames = new List<string>(header.ColCount);
        var columns = new Dictionary<ImportField, int>();
        var names = new Dictionary<ImportField, string>();
        var ignored = new List<string>();
        var problems = new List<ImportMessage>();
        for (var i = 0; i < header.ColCount; i++)
        {
            var name = header[i].ToString();
            headerNames.Add(name);
            var normalized = NormalizeHeader(name);
            if ((mapping.Columns.TryGetValue(normalized, out var mapped) ? mapped : FieldOf(normalized)) is not { } field)
            {
                if (!string.IsNullOrWhiteSpace(name))
                {
                    ignored.Add(name);
                }

                continue;
            }

            if (!columns.TryAdd(field, i))
            {
                problems.Add(ImportMessage.Of("header", "header.duplicate", names[field], name));
                continue;
            }

            names[field] = name;
        }

        var hasName = columns.ContainsKey(ImportField.Name) || columns.ContainsKey(ImportField.NameEn);
        foreach (var (field, label) in Required)
        {
            var given = field switch
            {
                ImportField.Name => hasName,
                ImportField.Vat => columns.ContainsKey(field) || mapping.VatRate is not null,
                _ => columns.ContainsKey(field),
            };
            if (!given)
            {
                problems.Add(ImportMessage.Of("header", "header.missing", label));
            }
        }

        if (problems.Count > 0)
        {
            var example = new string?[headerNames.Count];
            if (reader.MoveNext())
            {
                for (var i = 0; i < Math.Min(example.Length, reader.Current.ColCount); i++)
                {
                    var value = reader.Current[i].ToString();
                    example[i] = value.Length == 0 ? null : value.Length <= 80 ? value : value[..80] + "…";
                }
            }

            return new ParseOutcome(null, problems, [.. headerNames
                .Select((name, i) => new HeaderColumn(name, example[i]))
                .Where(column => !string.IsNullOrWhiteSpace(column.Name))]);
        }

        var defaultVat = columns.ContainsKey(ImportField.Vat) ? null : mapping.VatRate;

        var rows = new List<ParsedRow>();
        var firstLineOfSku = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.MoveNext())
        {
            var row = reader.Current;
            var cells = new string?[Enum.GetValues<ImportField>().Length];
            var blank = true;
            foreach (var (field, index) in columns)
            {
                var value = index < row.ColCount ? row[index].ToString() : string.Empty;
                cells[(int)field] = value.Length == 0 ? null : value;
                blank &= value.Length == 0;
            }

            if (blank)
            {
                continue; // empty lines, and Excel's trailing ";;;;" lines
            }

            if (rows.Count == MaxRows)
            {
                return ParseOutcome.Fail(ImportMessage.Of("file", "file.too_many_rows", MaxRows.ToString(CultureInfo.InvariantCulture)));
            }

            rows.Add(ReadRow(row.LineNumberFrom, cells, defaultVat, firstLineOfSku));
        }

        if (rows.Count == 0)
        {
            return ParseOutcome.Fail(ImportMessage.Of("file", "file.no_rows"));
        }

        return new ParseOutcome(new ParsedFile(encoding, delimiter, columns.Keys.ToHashSet(), ignored, rows), []);
    }

    private static ParsedRow ReadRow(int line, string?[] cells, int? defaultVat, Dictionary<string, int> firstLineOfSku)
    {
        string? Cell(ImportField field) => cells[(int)field];

        var errors = new List<ImportMessage>();
        var sku = Cell(ImportField.Sku) ?? string.Empty;
        if (sku.Length == 0)
        {
            errors.Add(ImportMessage.Of("sku", "sku.required"));
        }
        else if (!firstLineOfSku.TryAdd(sku, line))
        {
            errors.Add(ImportMessage.Of("sku", "sku.duplicate", firstLineOfSku[sku].ToString(CultureInfo.InvariantCulture)));
        }

        long? price = null;
        if (Cell(ImportField.Price) is not { } rawPrice)
        {
            errors.Add(ImportMessage.Of("price", "price.required"));
        }
        else
        {
            var (minor, error) = ParsePrice(rawPrice);
            price = minor;
            if (error is not null)
            {
                errors.Add(ImportMessage.Of("price", error, rawPrice));
            }
        }

        // without a VAT column, every row is at the rate the shop gave for the file
        var vat = defaultVat ?? ReadVat(Cell(ImportField.Vat), errors);

        int? stock = null;
        if (Cell(ImportField.Stock) is { } rawStock)
        {
            if (ParseQuantity(rawStock) is { } quantity)
            {
                stock = quantity;
            }
            else
            {
                errors.Add(ImportMessage.Of("stock", "stock.invalid", rawStock));
            }
        }

        if (Cell(ImportField.Name) is null && Cell(ImportField.NameEn) is null)
        {
            errors.Add(ImportMessage.Of("name", "name.required"));
        }

        var food = new ImportFood(
            ImportFoodParser.SoldByOf(Cell(ImportField.SoldBy), errors),
            ImportFoodParser.NetQuantityOf(Cell(ImportField.NetQuantity), errors),
            ImportFoodParser.AllergensOf(Cell(ImportField.Allergens), errors),
            ImportFoodParser.LabelsOf(Cell(ImportField.Labels), errors),
            ImportFoodParser.OriginOf(Cell(ImportField.Origin), errors));

        return new ParsedRow(
            line,
            sku,
            Cell(ImportField.Name),
            Cell(ImportField.NameEn),
            Cell(ImportField.Description),
            Cell(ImportField.DescriptionEn),
            Cell(ImportField.Category),
            price,
            vat,
            stock,
            Cell(ImportField.Image),
            errors,
            food.IsEmpty ? null : food);
    }

    private static int? ReadVat(string? raw, List<ImportMessage> errors)
    {
        if (raw is null)
        {
            errors.Add(ImportMessage.Of("vatRate", "vat.required"));
            return null;
        }

        if (ParseVatRate(raw) is { } basisPoints)
        {
            return basisPoints;
        }

        errors.Add(ImportMessage.Of("vatRate", "vat.invalid", raw));
        return null;
    }

    /// <summary>
    /// "12,50", "12.50", "12,50 €", "€12.50", "1 234,50", "1.234,50", "1,234.50" → minor units; never floating point.
    /// A lone separator is the decimal one; with both, the last one is. Null error = parsed.
    /// </summary>
    public static (long? Minor, string? Error) ParsePrice(string raw)
    {
        var text = Compact(raw).Replace("€", "", StringComparison.Ordinal);
        if (text.EndsWith("EUR", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^3];
        }

        char? decimalSeparator = null, groupSeparator = null;
        var lastComma = text.LastIndexOf(',');
        var lastDot = text.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            (decimalSeparator, groupSeparator) = lastComma > lastDot ? (',', '.') : ('.', ',');
        }
        else if (lastComma >= 0 || lastDot >= 0)
        {
            var separator = lastComma >= 0 ? ',' : '.';
            if (text.Count(c => c == separator) == 1)
            {
                decimalSeparator = separator;
            }
            else
            {
                groupSeparator = separator; // "1.234.567"
            }
        }

        var integer = decimalSeparator is { } d ? text[..text.LastIndexOf(d)] : text;
        var fraction = decimalSeparator is { } f ? text[(text.LastIndexOf(f) + 1)..] : string.Empty;
        var negative = integer.StartsWith('-');
        if (negative)
        {
            integer = integer[1..];
        }

        if (groupSeparator is { } g)
        {
            // thousands are grouped by three: "1.234,50" yes, "12,50,3" no
            var groups = integer.Split(g);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(group => group.Length != 3))
            {
                return (null, "price.invalid");
            }

            integer = string.Concat(groups);
        }

        if (integer.Length is 0 or > 12 || fraction.Length > 12 || !integer.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) ||
            !decimal.TryParse(fraction.Length == 0 ? integer : integer + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return (null, "price.invalid");
        }

        if (negative)
        {
            amount = -amount;
        }

        var minor = amount * 100m;
        return minor == decimal.Truncate(minor)
            ? ((long)minor, null)
            : (null, "price.decimals");
    }

    /// <summary>"20", "5,5", "5.5 %", "2,1" → 2000, 550, 550, 210 (basis points); null when it is not a number of hundredths.</summary>
    public static int? ParseVatRate(string raw)
    {
        var text = Compact(raw).TrimEnd('%').Replace(',', '.');
        if (text.Length == 0 || text.Length > 8 || !text.All(c => char.IsAsciiDigit(c) || c == '.') ||
            !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return null;
        }

        var basisPoints = percent * 100m;
        return basisPoints == decimal.Truncate(basisPoints) && basisPoints <= 10_000m ? (int)basisPoints : null;
    }

    /// <summary>"12", "1 200" → a whole quantity of zero or more; null otherwise.</summary>
    public static int? ParseQuantity(string raw) =>
        int.TryParse(Compact(raw), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) ? quantity : null;

    /// <summary>Without any white space, including the no-break spaces French number formats use.</summary>
    private static string Compact(string raw) => string.Concat(raw.Where(c => !char.IsWhiteSpace(c)));
}
