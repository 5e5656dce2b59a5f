using System.Text;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Search;

namespace Marketplace.Catalog.Categories;

/// <summary>
/// The cooperative's one list of product categories (ADR 43): a single Marten document in its catalog schema, the order
/// of <see cref="Categories"/> being the order customers see. Shops pick from it; while it is empty, a product's category
/// is free text as it always was.
/// </summary>
public sealed class CategoryList
{
    public const string DocumentId = "categories";
    public const int MaxNameLength = 60;
    public const int MaxCategories = 200;

    public string Id { get; set; } = DocumentId;

    public List<ListedCategory> Categories { get; set; } = [];

    /// <summary>The category a product names by its key, or by its French or English name (case and accents aside).</summary>
    public ListedCategory? Find(string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return null;
        }

        var trimmed = category.Trim();
        var folded = Fold(trimmed);
        return Categories.FirstOrDefault(c => string.Equals(c.Key, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? Categories.FirstOrDefault(c => Fold(c.Fr) == folded || Fold(c.En) == folded);
    }

    public ListedCategory? ByKey(string key) => Categories.FirstOrDefault(c => c.Key == key);

    /// <summary>The names another category already uses, by language (none for the category being renamed).</summary>
    public (bool Fr, bool En) Taken(string fr, string en, string? except) =>
        (Categories.Any(c => c.Key != except && Fold(c.Fr) == Fold(fr)), Categories.Any(c => c.Key != except && Fold(c.En) == Fold(en)));

    /// <summary>A key made from the French name ("Fruits et légumes" → "fruits-et-legumes"), unique in the list; never changed by a rename.</summary>
    public string NewKey(string fr)
    {
        var slug = new StringBuilder();
        foreach (var c in Fold(fr))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var key = slug.ToString().Trim('-');
        key = key.Length == 0 ? "categorie" : key[..Math.Min(key.Length, 50)].TrimEnd('-');
        var candidate = key;
        for (var n = 2; Categories.Any(c => c.Key == candidate); n++)
        {
            candidate = $"{key}-{n}";
        }

        return candidate;
    }

    /// <summary>Every folded spelling a product's stored category may have for this category (its key, its names).</summary>
    public static string[] Spellings(ListedCategory category) => [.. new[] { category.Key, Fold(category.Fr), Fold(category.En) }.Distinct()];

    public static string Fold(string text) => ProductSearchProjection.Fold(text);
}

/// <summary>One category: a stable key (what products store), its French and English names.</summary>
public sealed record ListedCategory(string Key, string Fr, string En)
{
    public LocalizedText Names() => new(Fr, En);
}

/// <summary>A category as the API shows it, with its position (0 first).</summary>
public sealed record CategoryResponse(string Key, LocalizedText Name, int Position)
{
    public static IReadOnlyList<CategoryResponse> From(CategoryList? list) =>
        list is null ? [] : [.. list.Categories.Select((c, i) => new CategoryResponse(c.Key, c.Names(), i))];
}

/// <summary>How a product's category is checked against the cooperative's list, whichever way the product arrives.</summary>
public static class ProductCategories
{
    public const string Unknown = "product.category_unknown";

    /// <summary>
    /// The category a product stores: with no list, the text as typed (trimmed); with a list, the key of the category named
    /// (by key or by its French or English name), or null when the list has no such category.
    /// </summary>
    public static string? Resolve(CategoryList? list, string category) =>
        list is not { Categories.Count: > 0 } ? category.Trim() : list.Find(category)?.Key;

    /// <summary>400 on "category", code product.category_unknown, naming the allowed categories.</summary>
    public static IResult UnknownProblem(CategoryList list, string category) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "This category is not in the cooperative's list.",
            detail: $"\"{category.Trim()}\" is not one of the cooperative's categories: {string.Join(", ", list.Categories.Select(c => $"{c.Key} ({c.Fr} / {c.En})"))}.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = Unknown,
                ["errors"] = new Dictionary<string, string[]> { ["category"] = ["Choose one of the cooperative's categories."] },
                ["codes"] = new Dictionary<string, string[]> { ["category"] = [Unknown] },
                ["allowed"] = list.Categories.Select(c => c.Key).ToList(),
            });
}
