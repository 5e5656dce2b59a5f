using System.Globalization;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;

namespace Marketplace.Web.Api;

/// <summary>The storefront's calls: search, categories, public shops and products, and asking the shopkeeper.</summary>
public sealed partial class MarketplaceApi
{
    public async Task<SearchResults> SearchProductsAsync(TenantId coop, ProductQuery query, CancellationToken cancellationToken)
    {
        var parameters = new List<string>();
        AddQueryParameter(parameters, "q", query.Q);
        AddQueryParameter(parameters, "category", query.Category);
        AddQueryParameter(parameters, "shop", query.Shop?.ToString());
        AddQueryParameter(parameters, "inStock", query.InStock ? "true" : null);
        foreach (var label in query.Labels)
        {
            AddQueryParameter(parameters, "label", label);
        }

        foreach (var allergen in query.Without)
        {
            AddQueryParameter(parameters, "without", allergen);
        }

        AddQueryParameter(parameters, "sort", query.Sort);
        AddQueryParameter(parameters, "page", query.Page.ToString(CultureInfo.InvariantCulture));
        AddQueryParameter(parameters, "pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture));
        var result = await SendAsync<SearchResults>(HttpMethod.Get, $"/api/coops/{coop}/products?{string.Join('&', parameters)}", null, null, cancellationToken);
        return result.Succeeded && result.Value is { } results
            ? results with { Items = results.Items ?? [] }
            : throw new HttpRequestException($"Searching the products of {coop} answered {result.Status}.", null, result.Status);
    }

    /// <summary>The categories with their product counts; none when the catalog cannot say (the page still works).</summary>
    public async Task<IReadOnlyList<Category>> ListCategoriesAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<Category>>(HttpMethod.Get, $"/api/coops/{coop}/categories", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : [];
    }

    /// <summary>The cooperative's category list (empty when it keeps none); none when the catalog cannot say (pages then show categories as typed).</summary>
    public async Task<CategoryNames> ListProductCategoriesAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<ProductCategory>>(HttpMethod.Get, $"/api/coops/{coop}/product-categories", null, null, cancellationToken);
        return result.Succeeded && result.Value is { } list ? new CategoryNames(list) : CategoryNames.None;
    }

    public Task<ApiResult<ProductCategory>> CreateProductCategoryAsync(string accessToken, TenantId coop, ProductCategoryRequest category, CancellationToken cancellationToken) =>
        SendAsync<ProductCategory>(HttpMethod.Post, $"/api/coops/{coop}/product-categories", category, accessToken, cancellationToken);

    public Task<ApiResult<ProductCategory>> RenameProductCategoryAsync(string accessToken, TenantId coop, string key, ProductCategoryRequest category, CancellationToken cancellationToken) =>
        SendAsync<ProductCategory>(HttpMethod.Put, $"/api/coops/{coop}/product-categories/{Uri.EscapeDataString(key)}", category, accessToken, cancellationToken);

    public Task<ApiResult<ProductCategory>> MoveProductCategoryAsync(string accessToken, TenantId coop, string key, int position, CancellationToken cancellationToken) =>
        SendAsync<ProductCategory>(HttpMethod.Put, $"/api/coops/{coop}/product-categories/{Uri.EscapeDataString(key)}/position", new ProductCategoryPosition(position), accessToken, cancellationToken);

    public Task<ApiResult<object>> RemoveProductCategoryAsync(string accessToken, TenantId coop, string key, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/product-categories/{Uri.EscapeDataString(key)}", null, accessToken, cancellationToken);

    /// <summary>
    /// Waits, bounded, until the services have prepared a cooperative just created (they do so on their own,
    /// a second or two after it is announced), so its creator lands on a working page rather than "try again".
    /// Gives up quietly after <paramref name="atMost"/>: the page shown next says "try again" if still needed.
    /// </summary>
    public async Task WaitUntilPreparedAsync(TenantId coop, TimeSpan atMost, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + atMost;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                await SendAsync<List<Category>>(HttpMethod.Get, $"/api/coops/{coop}/categories", null, null, cancellationToken);
                return;
            }
            catch (ApiUnavailableException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>The cooperative's approved shops, by name.</summary>
    public async Task<IReadOnlyList<Shop>> ListApprovedShopsAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<Shop>>(HttpMethod.Get, $"/api/coops/{coop}/shops", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : throw new HttpRequestException($"Listing the shops of {coop} answered {result.Status}.", null, result.Status);
    }

    /// <summary>A shop customers may see (its owners and admins also see it pending); null when there is none to show.</summary>
    public Task<Shop?> FindShopAsync(string? accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        FindPublicAsync<Shop>($"/api/coops/{coop}/shops/{shop}", accessToken, cancellationToken);

    /// <summary>A product customers may see (active, its shop approved); null when there is none to show.</summary>
    public Task<Product?> FindProductAsync(string? accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        FindPublicAsync<Product>($"/api/coops/{coop}/products/{product}", accessToken, cancellationToken);

    /// <summary>The product's answered public questions, newest first; none when the catalog cannot say (the product page still works).</summary>
    public async Task<IReadOnlyList<Question>> ListAnsweredQuestionsAsync(TenantId coop, Guid product, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<Question>>(HttpMethod.Get, $"/api/coops/{coop}/products/{product}/questions", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : [];
    }

    /// <summary>Asks the product's shop a question as the signed-in user (201 with the question).</summary>
    public Task<ApiResult<object>> AskQuestionAsync(string accessToken, TenantId coop, Guid product, string text, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/coops/{coop}/products/{product}/questions", new { text }, accessToken, cancellationToken);

    /// <summary>Whether the signed-in customer waits for the product ("tell me when it's back").</summary>
    public Task<ApiResult<StockAlert>> GetStockAlertAsync(string accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<StockAlert>(HttpMethod.Get, $"/api/coops/{coop}/products/{product}/stock-alert", null, accessToken, cancellationToken);

    /// <summary>Ask to be told by e-mail when the product is back (asking twice is one request; 409 when it is in stock).</summary>
    public Task<ApiResult<StockAlert>> AskStockAlertAsync(string accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<StockAlert>(HttpMethod.Put, $"/api/coops/{coop}/products/{product}/stock-alert", null, accessToken, cancellationToken);

    public Task<ApiResult<object>> CancelStockAlertAsync(string accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/products/{product}/stock-alert", null, accessToken, cancellationToken);

    private async Task<T?> FindPublicAsync<T>(string path, string? accessToken, CancellationToken cancellationToken)
        where T : class
    {
        var result = await SendAsync<T>(HttpMethod.Get, path, null, accessToken, cancellationToken);
        return result.Status switch
        {
            _ when result.Succeeded => result.Value,
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => null,
            _ => throw new HttpRequestException($"GET {path} answered {result.Status}.", null, result.Status),
        };
    }

    private static void AddQueryParameter(List<string> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
