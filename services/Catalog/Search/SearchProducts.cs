using System.Globalization;
using FluentValidation;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Products.Food;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Catalog.Search;

public static class SearchSort
{
    public const string Relevance = "relevance";
    public const string Price = "price";
    public const string PriceDescending = "-price";

    /// <summary>The most recently listed first: a product's id is a version 7 UUID, ordered by the time it was made.</summary>
    public const string Newest = "newest";
}

/// <summary>GET /api/coops/{coop}/products: the storefront's search (query string; every part optional).</summary>
public sealed record SearchProductsRequest
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;
    public const int MaxQueryLength = 200;

    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    [FromQuery(Name = "shop")]
    public Guid? Shop { get; init; }

    [FromQuery(Name = "inStock")]
    public bool? InStock { get; init; }

    /// <summary>Label codes (bio, aop…): a product carries every one given.</summary>
    [FromQuery(Name = "label")]
    public string[]? Label { get; init; }

    /// <summary>Allergen codes: a product has declared its allergens and none of these is among them.</summary>
    [FromQuery(Name = "without")]
    public string[]? Without { get; init; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }
}

internal sealed class SearchProductsRequestValidator : AbstractValidator<SearchProductsRequest>
{
    private static readonly string[] Sorts = [SearchSort.Relevance, SearchSort.Price, SearchSort.PriceDescending, SearchSort.Newest];

    public SearchProductsRequestValidator()
    {
        RuleFor(r => r.Q).MaximumLength(SearchProductsRequest.MaxQueryLength).OverridePropertyName("q");
        RuleFor(r => r.Category).MaximumLength(60).OverridePropertyName("category");
        RuleFor(r => r.Sort).Must(sort => sort is null || Sorts.Contains(sort))
            .WithMessage("sort must be one of: relevance, price, -price, newest.").WithErrorCode("search.sort").OverridePropertyName("sort");
        RuleFor(r => r.Label).Must(codes => codes is null || codes.Length <= FoodLabels.All.Count && codes.All(FoodLabels.All.Contains))
            .WithMessage("label is one of: bio, fait-maison, aop, igp, label-rouge, commerce-equitable, vegan, vegetarien, sans-gluten.").WithErrorCode("food.label").OverridePropertyName("label");
        RuleFor(r => r.Without).Must(codes => codes is null || codes.Length <= Allergens.All.Count && codes.All(Allergens.All.Contains))
            .WithMessage("without is one of the 14 allergen codes (gluten, crustaceans, eggs, fish, peanuts, soybeans, milk, nuts, celery, mustard, sesame, sulphites, lupin, molluscs).")
            .WithErrorCode("food.allergen").OverridePropertyName("without");
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).OverridePropertyName("page");
        RuleFor(r => r.PageSize).InclusiveBetween(1, SearchProductsRequest.MaxPageSize).OverridePropertyName("pageSize");
    }
}

public sealed record SearchResultItem(
    Guid Id,
    Guid ShopId,
    string ShopName,
    LocalizedText Name,
    LocalizedText Description,
    string Category,
    Money Price,
    int VatRate,
    string? ImageUrl,
    int Available,
    IReadOnlyList<string> Labels,
    PhotoResponse? Photo = null);

public sealed record SearchResults(IReadOnlyList<SearchResultItem> Items, int Page, int PageSize, long Total);

internal static class SearchProductsEndpoint
{
    /// <summary>Anyone may search: only active products of approved shops are ever seen.</summary>
    public static void MapSearchProducts(this RouteGroupBuilder group) =>
        group.MapGet("/products", async (TenantId coop, [AsParameters] SearchProductsRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var query = await sessions.OpenQueryAsync(coop, cancellationToken);
                // A category of the cooperative's list is found by its key or either name, and finds the products typed
                // with either name before the list existed.
                var listed = (await query.Session.CategoryListAsync(cancellationToken))?.Find(request.Category);
                var results = await ProductSearch.RunAsync(query.Connection, request, cancellationToken, listed is null ? null : CategoryList.Spellings(listed));
                var photos = await query.Session.PhotosOfAsync(coop.Value, [.. results.Items.Select(i => i.Id)], cancellationToken);
                return TypedResults.Ok(results with { Items = [.. results.Items.Select(i => i with { Photo = photos.GetValueOrDefault(i.Id) })] });
            })
            .Validate<SearchProductsRequest>()
            .AllowAnonymous()
            .WithName("SearchProducts")
            .WithSummary("Search a cooperative's catalog (French-aware full text, filters, pages).")
            .Produces<SearchResults>();
}

/// <summary>The SQL of the search, over the read model of <see cref="ProductSearchProjection"/>.</summary>
internal static class ProductSearch
{
    /// <summary>What every search sees: active products of approved shops.</summary>
    private const string Visible =
        $"from {SearchSchema.Listings} l join {SearchSchema.Shops} s on s.id = l.shop_id and s.approved where l.active";

    public static async Task<SearchResults> RunAsync(NpgsqlConnection connection, SearchProductsRequest request, CancellationToken cancellationToken, string[]? categorySpellings = null)
    {
        var (page, pageSize) = (request.Page ?? 1, request.PageSize ?? SearchProductsRequest.DefaultPageSize);
        var (countSql, rowsSql, parameters) = Sql(request, categorySpellings);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in new[] { countSql, rowsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<SearchResultItem>(pageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new SearchResultItem(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetString(2),
                new LocalizedText(NullableString(reader, 3), NullableString(reader, 4)),
                new LocalizedText(NullableString(reader, 5), NullableString(reader, 6)),
                reader.GetString(7),
                new Money(reader.GetInt64(8), reader.GetString(9)),
                reader.GetInt32(10),
                NullableString(reader, 11),
                reader.GetInt32(12),
                reader.GetFieldValue<string[]>(13)));
        }

        return new SearchResults(items, page, pageSize, total);
    }

    /// <summary>The count of every match, then the page of them: the same filters, the same parameters.</summary>
    internal static (string Count, string Rows, List<NpgsqlParameter> Parameters) Sql(SearchProductsRequest request, string[]? categorySpellings = null)
    {
        var (page, pageSize) = (request.Page ?? 1, request.PageSize ?? SearchProductsRequest.DefaultPageSize);
        var text = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        var (where, parameters) = Filters(request, text, categorySpellings);
        var order = (request.Sort ?? SearchSort.Relevance, text) switch
        {
            (SearchSort.Price, _) => "l.price_minor, l.id",
            (SearchSort.PriceDescending, _) => "l.price_minor desc, l.id desc",
            (SearchSort.Newest, _) => "l.id desc",
            (_, null) => "l.sort_name, l.id",
            _ => $"ts_rank(l.search, {SearchSchema.QueryOf("$1")}) desc, l.id",
        };
        var rows =
            $"""
            select l.id, l.shop_id, s.name, l.name_fr, l.name_en, l.description_fr, l.description_en, l.category,
                   l.price_minor, l.currency, l.vat_rate, l.image_url, greatest(l.on_hand - l.reserved, 0),
                   coalesce(l.labels, array[]::text[])
            {Visible}{where}
            order by {order}
            limit {pageSize} offset {(long)(page - 1) * pageSize}
            """;
        return ($"select count(*) {Visible}{where}", rows, parameters);
    }

    /// <summary>Positional parameters: $1 is always the text (null when none), so the relevance order can name it.</summary>
    private static (string Where, List<NpgsqlParameter> Parameters) Filters(SearchProductsRequest request, string? text, string[]? categorySpellings)
    {
        var where = new System.Text.StringBuilder();
        var parameters = new List<NpgsqlParameter> { new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value } };
        if (text is not null)
        {
            where.Append(CultureInfo.InvariantCulture, $" and l.search @@ {SearchSchema.QueryOf("$1")}");
        }

        if (categorySpellings is { Length: > 0 })
        {
            parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = categorySpellings });
            where.Append(CultureInfo.InvariantCulture, $" and l.category_key = any(${parameters.Count})");
        }
        else if (!string.IsNullOrWhiteSpace(request.Category))
        {
            parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = ProductSearchProjection.Fold(request.Category) });
            where.Append(CultureInfo.InvariantCulture, $" and l.category_key = ${parameters.Count}");
        }

        if (request.Shop is { } shop)
        {
            parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = shop });
            where.Append(CultureInfo.InvariantCulture, $" and l.shop_id = ${parameters.Count}");
        }

        if (request.Label is { Length: > 0 } labels)
        {
            parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = labels.Distinct().ToArray() });
            where.Append(CultureInfo.InvariantCulture, $" and l.labels @> ${parameters.Count}");
        }

        // An undeclared product (allergens null) is never "without" anything: unknown is not safe.
        if (request.Without is { Length: > 0 } allergens)
        {
            parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = allergens.Distinct().ToArray() });
            where.Append(CultureInfo.InvariantCulture, $" and l.allergens is not null and not (l.allergens && ${parameters.Count})");
        }

        if (request.InStock == true)
        {
            where.Append(" and l.on_hand - l.reserved > 0");
        }

        return (where.ToString(), parameters);
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
