using FluentValidation;
using Marketplace.Catalog.Products;

namespace Marketplace.Catalog.Imports.Mapping;

/// <summary>The names of the fields a column may hold, as the API writes them; <see cref="Ignore"/> for a column left out.</summary>
public static class ImportFieldNames
{
    public const string Ignore = "ignore";

    private static readonly Dictionary<string, ImportField> Fields =
        Enum.GetValues<ImportField>().ToDictionary(f => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..], StringComparer.Ordinal);

    public static IEnumerable<string> All => Fields.Keys.Append(Ignore);

    public static string Of(ImportField? field) => field is { } f ? Fields.First(p => p.Value == f).Key : Ignore;

    public static bool IsKnown(string? name) => name is not null && (name == Ignore || Fields.ContainsKey(name));

    public static ImportField? Parse(string name) => Fields.TryGetValue(name, out var field) ? field : null;
}

/// <summary>
/// The shop's mapping of its file's columns, remembered from the first import it had to map: one document per shop
/// (its id is the shop's), keys normalized as the parser normalizes header names.
/// </summary>
public sealed record ShopImportMapping(Guid Id, Dictionary<string, string> Columns, int? VatRate, Guid? ChangedBy, DateTimeOffset ChangedAt)
{
    public ColumnMapping ToColumnMapping() => new(
        Columns.ToDictionary(c => c.Key, c => ImportFieldNames.Parse(c.Value)), VatRate);
}

/// <summary>
/// A file whose header could not be read as a product list, kept for <see cref="ImportPreview.Lifetime"/> so the shop
/// can say which column is which without choosing the file again.
/// </summary>
public sealed record KeptImportFile(Guid Id, Guid ShopId, string? FileName, byte[] Bytes, IReadOnlyList<HeaderColumn> Header, Guid? UploadedBy, DateTimeOffset ExpiresAt);

/// <summary>Which field each of the file's columns holds (its header name as written → a field name or "ignore"); <c>vatRate</c> (basis points) for a file without a VAT column.</summary>
public sealed record ImportMappingRequest(Dictionary<string, string>? Columns, int? VatRate);

public sealed record ImportMappingResponse(IReadOnlyDictionary<string, string> Columns, int? VatRate);

/// <summary>A column of a kept file, its value on the first row, and the field it is read as now (the shop's mapping, else its usual name; "ignore" when neither).</summary>
public sealed record KeptColumnResponse(string Name, string? Example, string Field);

public sealed record KeptImportFileResponse(Guid Id, string? FileName, IReadOnlyList<KeptColumnResponse> Columns, int? VatRate, IReadOnlyList<string> Fields, DateTimeOffset ExpiresAt);

internal sealed class ImportMappingRequestValidator : AbstractValidator<ImportMappingRequest>
{
    public ImportMappingRequestValidator()
    {
        RuleFor(r => r.Columns).NotNull()
            .Must(c => c is null || c.Count <= 100).WithMessage("At most 100 columns.").WithErrorCode("import.columns_count")
            .Must(c => c is null || c.Keys.All(k => !string.IsNullOrWhiteSpace(ImportParser.NormalizeHeader(k)) && k.Length <= 200))
            .WithMessage("A column is named by its header (at most 200 characters).").WithErrorCode("import.column_name")
            .Must(c => c is null || c.Values.All(ImportFieldNames.IsKnown))
            .WithMessage($"A column holds one of: {string.Join(", ", ImportFieldNames.All)}.").WithErrorCode("import.column_field")
            .Must(c => c is null || c.Values.Where(v => v != ImportFieldNames.Ignore).GroupBy(v => v).All(g => g.Count() == 1))
            .WithMessage("Two columns cannot hold the same field.").WithErrorCode("import.column_twice");
        RuleFor(r => r.VatRate).Must(rate => rate is null || VatRates.All.Contains(rate.Value))
            .WithMessage("French VAT is 2000 (20 %), 1000 (10 %), 550 (5.5 %) or 210 (2.1 %) basis points.").WithErrorCode("product.vat_rate");
    }
}

internal static class KeptFiles
{
    public static bool Belongs([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] this KeptImportFile? file, Guid shop, DateTimeOffset now) =>
        file is not null && file.ShopId == shop && file.ExpiresAt > now;

    public static IResult NoSuchFile() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such kept file for this shop (kept files expire after 24 hours).");
}
