using System.Globalization;
using System.Net;
using Marketplace.Contracts;
using static Marketplace.Web.Api.StorefrontModels;

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
        AddQueryParameter(parameters, "sort", query.Sort);
        AddQueryParameter(parameters, "page", query.Page.ToString(CultureInfo.InvariantCulture));
        AddQueryParameter(parameters, "pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture));
        var result = await SendAsync<SearchResults>(HttpMethod.Get, $"/api/coops/{coop}/products?{string.Join('&', parameters)}", null, null, cancellationToken);
        return result.Succeeded && result.Value is { } results
            ? results with { Items = results.Items ?? [] }
            : throw new HttpRequestException($"Searching the products of {coop} answered {result.Status}.");
    }

    /// <summary>The categories with their product counts; none when the catalog cannot say (the page still works).</summary>
    public async Task<IReadOnlyList<Category>> ListCategoriesAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<Category>>(HttpMethod.Get, $"/api/coops/{coop}/categories", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : [];
    }

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
    public async Task<IReadOnlyList<PublicShop>> ListApprovedShopsAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<PublicShop>>(HttpMethod.Get, $"/api/coops/{coop}/shops", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : throw new HttpRequestException($"Listing the shops of {coop} answered {result.Status}.");
    }

    /// <summary>A shop customers may see (its owners and admins also see it pending); null when there is none to show.</summary>
    public Task<PublicShop?> FindShopAsync(string? accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        FindPublicAsync<PublicShop>($"/api/coops/{coop}/shops/{shop}", accessToken, cancellationToken);

    /// <summary>A product customers may see (active, its shop approved); null when there is none to show.</summary>
    public Task<PublicProduct?> FindProductAsync(string? accessToken, TenantId coop, Guid product, CancellationToken cancellationToken) =>
        FindPublicAsync<PublicProduct>($"/api/coops/{coop}/products/{product}", accessToken, cancellationToken);

    /// <summary>The product's answered public questions, newest first; none when the catalog cannot say (the product page still works).</summary>
    public async Task<IReadOnlyList<ProductQuestion>> ListAnsweredQuestionsAsync(TenantId coop, Guid product, CancellationToken cancellationToken)
    {
        var result = await SendAsync<List<ProductQuestion>>(HttpMethod.Get, $"/api/coops/{coop}/products/{product}/questions", null, null, cancellationToken);
        return result.Succeeded ? result.Value ?? [] : [];
    }

    /// <summary>Asks the product's shop a question as the signed-in user (201 with the question).</summary>
    public Task<ApiResult<object>> AskQuestionAsync(string accessToken, TenantId coop, Guid product, string text, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/coops/{coop}/products/{product}/questions", new { text }, accessToken, cancellationToken);

    private async Task<T?> FindPublicAsync<T>(string path, string? accessToken, CancellationToken cancellationToken)
        where T : class
    {
        var result = await SendAsync<T>(HttpMethod.Get, path, null, accessToken, cancellationToken);
        return result.Status switch
        {
            _ when result.Succeeded => result.Value,
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => null,
            _ => throw new HttpRequestException($"GET {path} answered {result.Status}."),
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

/// <summary>
/// The storefront's view of the Catalog API (CONTRACT.md), nested so that the back office's own records of the
/// same resources never clash with these: pages import them with <c>using static</c>.
/// </summary>
public static class StorefrontModels
{
    /// <summary>Text a shop writes in French and/or English; the reader falls back to the other language.</summary>
    public sealed record LocalizedText(string? Fr, string? En)
    {
        public string In(CultureInfo culture) =>
            (culture.TwoLetterISOLanguageName == "en" ? Pick(En, Fr) : Pick(Fr, En)) ?? string.Empty;

        /// <summary>The language the text is actually in for that culture ("fr"/"en"), for the lang attribute of a fallback.</summary>
        public string? LanguageIn(CultureInfo culture)
        {
            var english = culture.TwoLetterISOLanguageName == "en";
            if (!string.IsNullOrWhiteSpace(english ? En : Fr))
            {
                return english ? "en" : "fr";
            }

            return string.IsNullOrWhiteSpace(english ? Fr : En) ? null : english ? "fr" : "en";
        }

        private static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first;
    }

    public sealed record ShopAddress(string Line1, string? Line2, string Postcode, string City);

    /// <summary>One opening period: day "monday".."sunday", times "HH:mm".</summary>
    public sealed record OpeningPeriod(string Day, string Opens, string Closes);

    public sealed record Fulfilment(bool Pickup, bool Delivery, LocalizedText? DeliveryNote);

    public sealed record ShopContact(string Email, string? Phone, string? Website);

    /// <summary>A shop as customers see it (GET /api/coops/{coop}/shops[/{shop}]).</summary>
    public sealed record PublicShop(
        Guid Id,
        string Name,
        LocalizedText? Description,
        ShopAddress? Address,
        IReadOnlyList<OpeningPeriod>? OpeningHours,
        Fulfilment? Fulfilment,
        ShopContact? Contact,
        string Status);

    public sealed record ProductStock(int OnHand, int Reserved, int Available);

    /// <summary>A product as its page shows it (GET /api/coops/{coop}/products/{product}).</summary>
    public sealed record PublicProduct(
        Guid Id,
        Guid ShopId,
        LocalizedText Name,
        LocalizedText? Description,
        string Category,
        IReadOnlyList<string>? ImageUrls,
        Money Price,
        int VatRate,
        string Status,
        ProductStock Stock);

    /// <summary>One search result.</summary>
    public sealed record ProductHit(
        Guid Id,
        Guid ShopId,
        string ShopName,
        LocalizedText Name,
        LocalizedText? Description,
        string Category,
        Money Price,
        int VatRate,
        string? ImageUrl,
        int Available);

    public sealed record SearchResults(IReadOnlyList<ProductHit> Items, int Page, int PageSize, long Total);

    public sealed record Category(string Name, long Count);

    /// <summary>What the search page asks: every filter is optional.</summary>
    public sealed record ProductQuery(string? Q, string? Category, Guid? Shop, bool InStock, string? Sort, int Page, int PageSize);

    /// <summary>The shop's answer, signed with the shop's name (as it was when it answered).</summary>
    public sealed record PublicAnswer(string Text, DateTimeOffset AnsweredAt, DateTimeOffset? EditedAt, string ShopName);

    /// <summary>A customer's question on a product (never who asked it) and, once the shop answered, its answer.</summary>
    public sealed record ProductQuestion(Guid Id, string Text, DateTimeOffset AskedAt, PublicAnswer? Answer, bool Private);
}
