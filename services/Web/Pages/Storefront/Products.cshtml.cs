using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>Browse and search a cooperative's products: text, category, shop, in stock only, sort, pages.</summary>
public sealed class ProductsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    public const int PageSize = 20;

    /// <summary>The Catalog's limit on a search text (SearchProductsRequest.MaxQueryLength): a longer one is not sent.</summary>
    public const int MaxQueryLength = 200;

    public static readonly IReadOnlyList<string> Sorts = ["relevance", "price", "-price", "newest"];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Shop { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool InStock { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Label codes (?label=bio), each one required; unknown codes are dropped.</summary>
    [BindProperty(SupportsGet = true, Name = "label")]
    public List<string> Labels { get; set; } = [];

    /// <summary>Allergen codes the products must be declared without (?without=gluten); unknown codes are dropped.</summary>
    [BindProperty(SupportsGet = true, Name = "without")]
    public List<string> Without { get; set; } = [];

    /// <summary>The page asked for (?page=; not bound: "page" is the route value naming the Razor page).</summary>
    public int PageNumber { get; private set; } = 1;

    public SearchResults Results { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>The cooperative's listed categories among those shown, to name a card's category in the page's language.</summary>
    public CategoryNames CategoryNames => new([.. Categories.Where(c => c is { Key: not null, Names: not null }).Select(c => new ProductCategory(c.Key!, c.Names!, 0))]);

    public IReadOnlyList<Shop> Shops { get; private set; } = [];

    public int PageCount => Results.Total == 0 ? 0 : (int)Math.Ceiling(Results.Total / (double)Results.PageSize);

    /// <summary>The search text is over <see cref="MaxQueryLength"/>: the page says so (400) and searches nothing.</summary>
    public bool QueryTooLong { get; private set; }

    /// <summary>Whether a filter or an order other than relevance is chosen: the filters then show unfolded on a phone.</summary>
    public bool Refined => Category is not null || Shop is not null || InStock || Sort is not (null or "relevance") || Labels.Count > 0 || Without.Count > 0;

    public bool Filtered => !string.IsNullOrWhiteSpace(Query) || Category is not null || Shop is not null || InStock || Labels.Count > 0 || Without.Count > 0;

    public string? ShopName => Shops.FirstOrDefault(shop => shop.Id == Shop)?.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category;
        Sort = Sorts.Contains(Sort) ? Sort : "relevance";
        Labels = [.. FoodCodes.Labels.Where(Labels.Contains)];
        Without = [.. FoodCodes.Allergens.Where(Without.Contains)];
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;

        var categories = Api.ListCategoriesAsync(Coop, cancellationToken);
        var shops = Api.ListApprovedShopsAsync(Coop, cancellationToken);
        QueryTooLong = Query is { Length: > MaxQueryLength };
        if (QueryTooLong)
        {
            // The Catalog would answer 400; the visitor gets the form back with the reason, and the status says it too.
            Categories = await categories;
            Shops = await shops;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var results = Api.SearchProductsAsync(Coop, new ProductQuery(Query, Category, Shop, InStock, Sort, PageNumber, PageSize) { Labels = Labels, Without = Without }, cancellationToken);
        Categories = await categories;
        Shops = await shops;
        Results = await results;

        // A page past the end (a bookmark, fewer products since): the last page there is.
        if (Results.Items.Count == 0 && Results.Total > 0 && PageNumber > PageCount)
        {
            return Redirect(PageLink(PageCount));
        }

        return Page();
    }

    /// <summary>This search on another page (the filters kept).</summary>
    public string PageLink(int page)
    {
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parameters.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", Query);
        Add("category", Category);
        Add("shop", Shop?.ToString());
        Add("inStock", InStock ? "true" : null);
        Labels.ForEach(label => Add("label", label));
        Without.ForEach(allergen => Add("without", allergen));
        Add("sort", Sort == "relevance" ? null : Sort);
        Add("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return Link("products") + (parameters.Count == 0 ? "" : "?" + string.Join('&', parameters));
    }

    /// <summary>The page numbers to link: the first, the last, and two either side of the current one; 0 marks a gap.</summary>
    public IReadOnlyList<int> PageNumbers()
    {
        var shown = Enumerable.Range(1, PageCount)
            .Where(page => page == 1 || page == PageCount || Math.Abs(page - PageNumber) <= 2)
            .ToList();
        var withGaps = new List<int>();
        foreach (var page in shown)
        {
            if (withGaps.Count > 0 && page - withGaps[^1] > 1)
            {
                withGaps.Add(0);
            }

            withGaps.Add(page);
        }

        return withGaps;
    }
}
