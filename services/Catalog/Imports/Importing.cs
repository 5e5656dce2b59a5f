using System.Globalization;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Imports.Mapping;
using Marketplace.Catalog.Products;
using Marketplace.Contracts;
using Marten;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespaceanddescendants", Target = "~N:Marketplace.Catalog.Imports", Justification = "The feature folder's name; no Visual Basic consumer.")]

namespace Marketplace.Catalog.Imports;

/// <summary>
/// CSV import of a shop's products: upload → preview (stored) → commit, all or nothing; owners and admins only. What
/// the three use cases (Uploading, Reading, Committing) share: the stored preview, the shop's products by SKU, the problems.
/// </summary>
public static class Importing
{
    /// <summary>The cooperative's currency; every cooperative trades in euros for now (see CONTRACT.md).</summary>
    public const string Currency = ProductRules.Currency;

    public static void ConfigureImports(this StoreOptions options)
    {
        options.Schema.For<ImportPreview>()
            .UseOptimisticConcurrency(true)
            .Index(p => p.ExpiresAt);
        options.Schema.For<KeptImportFile>().Index(f => f.ExpiresAt);
        options.Schema.For<ShopImportMapping>();
    }

    /// <summary>
    /// Reads a file with the shop's column mapping, checks and decides every row against the catalog and stores the
    /// preview (201). A file whose header lacks a required column is kept, and the 400 names its columns and the kept
    /// file, so the shop can map them without choosing the file again. Each call deletes what has expired.
    /// </summary>
    internal static async Task<IResult> PreviewAsync(
        IDocumentSession session, TenantId coop, Guid shop, byte[] bytes, string? fileName, string language, Guid? user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mapping = await session.LoadAsync<ShopImportMapping>(shop, cancellationToken);
        var parsed = ImportParser.Parse(bytes, mapping?.ToColumnMapping());
        session.DeleteWhere<ImportPreview>(p => p.ExpiresAt <= now);
        session.DeleteWhere<KeptImportFile>(f => f.ExpiresAt <= now);
        if (parsed.File is not { } file)
        {
            if (parsed.Header is not { Count: > 0 } header)
            {
                await session.SaveChangesAsync(cancellationToken);
                return Problem(StatusCodes.Status400BadRequest, language, parsed.Problems, "import.file");
            }

            var kept = new KeptImportFile(Guid.CreateVersion7(), shop, fileName, bytes, header, user, now + ImportPreview.Lifetime);
            session.Store(kept);
            await session.SaveChangesAsync(cancellationToken);
            return Problem(StatusCodes.Status400BadRequest, language, parsed.Problems, "import.columns",
                new() { ["keptFile"] = kept.Id, ["columns"] = header.Select(c => c.Name).ToList() });
        }

        var products = await ProductsBySkuAsync(session, shop, cancellationToken);
        var categories = await session.CategoryListAsync(cancellationToken);
        var rows = file.Rows
            .Select(row => WithListedCategory(row, ImportRules.Check(row), categories))
            .Select(row => ImportPlanner.Preview(row, products.GetValueOrDefault(row.Sku), Currency, now))
            .ToList();
        var preview = new ImportPreview(
            Guid.CreateVersion7(),
            shop,
            fileName,
            file.Encoding,
            file.Delimiter == '\t' ? "tab" : file.Delimiter.ToString(),
            [.. file.Columns.Order().Select(c => c.ToString())],
            file.IgnoredColumns,
            rows,
            Currency,
            user,
            now,
            now + ImportPreview.Lifetime,
            ImportStatus.Previewed,
            null,
            null);
        session.Insert(preview);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/coops/{coop}/shops/{shop}/imports/{preview.Id}", ImportPreviewResponse.From(preview, language));
    }

    /// <summary>
    /// With a category list, a row's category is stored as the key of the category it names (by key, French or English
    /// name), or the row is in error naming the unknown value; with no list, as typed.
    /// </summary>
    private static ImportRow WithListedCategory(ParsedRow row, IReadOnlyList<ImportMessage> ruleErrors, CategoryList? categories)
    {
        if (categories is not { Categories.Count: > 0 } || row.Category is null || ruleErrors.Any(e => e.Field == "category"))
        {
            return ImportPlanner.ToRow(row, ruleErrors);
        }

        return ProductCategories.Resolve(categories, row.Category) is { } key
            ? ImportPlanner.ToRow(row with { Category = key }, ruleErrors)
            : ImportPlanner.ToRow(row, [.. ruleErrors, ImportMessage.Of("category", ProductCategories.Unknown, row.Category.Trim(), string.Join(", ", categories.Categories.Select(c => c.Fr)))]);
    }

    /// <summary>The shop's products (active or archived) that have a SKU, by SKU, as of now.</summary>
    internal static async Task<Dictionary<string, Product>> ProductsBySkuAsync(IQuerySession session, Guid shop, CancellationToken cancellationToken)
    {
        var products = await session.Query<Product>().Where(p => p.ShopId == shop && p.Sku != null).ToListAsync(cancellationToken);
        var bySku = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            bySku.TryAdd(product.Sku!, product);
        }

        return bySku;
    }

    internal static IResult NoSuchImport() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import for this shop (imports expire after 24 hours).");

    /// <summary>A file that cannot be imported: its problems field by field, in the shape of every validation problem (errors and their codes).</summary>
    internal static IResult Problem(int status, string language, IReadOnlyList<ImportMessage> problems, string type, Dictionary<string, object?>? more = null)
    {
        var byField = problems.GroupBy(p => p.Field).ToList();
        var errors = byField.ToDictionary(g => g.Key, g => g.Select(p => ImportMessages.Render(p.Code, p.Args, language)).ToArray());
        var extensions = new Dictionary<string, object?>(more ?? [])
        {
            ["code"] = type,
            ["errors"] = errors,
            ["codes"] = byField.ToDictionary(g => g.Key, g => g.Select(p => p.Code).ToArray()),
        };
        return Results.Problem(
            statusCode: status,
            title: language == "en" ? "This file cannot be imported." : "Ce fichier ne peut pas être importé.",
            detail: string.Join(" ", errors.Values.SelectMany(m => m)),
            extensions: extensions);
    }

    internal static IResult RowsProblem(string language, IReadOnlyList<(ImportRow Row, IReadOnlyList<ImportMessage> Errors)> rows, string title)
    {
        var lines = string.Join(", ", rows.Take(20).Select(r => r.Row.Line.ToString(CultureInfo.InvariantCulture)));
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: title,
            detail: (language == "en" ? "Lines: " : "Lignes : ") + lines + (rows.Count > 20 ? "…" : ""),
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = rows.Select(r => new
                {
                    line = r.Row.Line,
                    sku = r.Row.Sku,
                    errors = r.Errors.Select(e => ImportPreviewResponse.Render(e, language)).ToList(),
                }).ToList(),
            });
    }
}
