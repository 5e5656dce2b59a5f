using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marketplace.Contracts;

namespace Marketplace.Web.Api;

/// <summary>Text a shop writes in French and/or English; the reader's language first, else the other one.</summary>
public sealed record ShopText(string? Fr, string? En)
{
    public string In(CultureInfo culture) =>
        (culture.TwoLetterISOLanguageName == "en" ? Pick(En, Fr) : Pick(Fr, En)) ?? "";

    private static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first;
}

public sealed record ShopAddress(string Line1, string? Line2, string Postcode, string City);

/// <summary>Day is "monday".."sunday", times "HH:mm".</summary>
public sealed record OpeningPeriod(string Day, string Opens, string Closes);

public sealed record ShopFulfilment(bool Pickup, bool Delivery, ShopText? DeliveryNote);

public sealed record ShopContact(string Email, string? Phone, string? Website);

/// <summary>A shop as its owners and the co-op admins see it (GET .../shops/mine, /pending, /{shop}).</summary>
public sealed record ManagedShop(
    Guid Id,
    string Name,
    ShopText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod>? OpeningHours,
    ShopFulfilment? Fulfilment,
    ShopContact? Contact,
    IReadOnlyList<Guid> Owners,
    string Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt,
    bool AcceptsOrders)
{
    public bool IsApproved => Status == "approved";
}

/// <summary>The body of register (and update): what a shop says about itself.</summary>
public sealed record ShopRegistration(
    string Name,
    ShopText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod> OpeningHours,
    ShopFulfilment? Fulfilment,
    ShopContact? Contact);

public sealed record StockFigures(int OnHand, int Reserved, int Available);

public sealed record PricePeriod(Money Price, DateTimeOffset From);

/// <summary>A product in its shop's back office (any status, with its stock and price history).</summary>
public sealed record ManagedProduct(
    Guid Id,
    Guid ShopId,
    string? Sku,
    ShopText Name,
    ShopText? Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    string Status,
    StockFigures Stock,
    IReadOnlyList<PricePeriod>? PriceHistory,
    DateTimeOffset ListedAt)
{
    public bool IsActive => Status == "active";
}

public sealed record NewProduct(
    string? Sku,
    ShopText Name,
    ShopText? Description,
    string Category,
    IReadOnlyList<string> ImageUrls,
    Money Price,
    int VatRate,
    int? InitialStock);

public sealed record ProductDetails(string? Sku, ShopText Name, ShopText? Description, string Category, IReadOnlyList<string> ImageUrls, int VatRate);

/// <summary>Quantity is the signed change; reason "restock" (&gt; 0), "sale-in-shop" (&lt; 0) or "correction".</summary>
public sealed record StockAdjustment(int Quantity, string Reason, string? Note);

/// <summary>One row of an uploaded file: its values as read (null where they did not parse), what committing would do ("list", "change", "unchanged"), or why it cannot.</summary>
public sealed record ImportRow(
    int Line,
    string? Sku,
    ShopText? Name,
    string? Category,
    Money? Price,
    int? VatRate,
    int? Stock,
    string? Action,
    bool Reactivates,
    IReadOnlyList<ImportError>? Errors)
{
    public bool HasErrors => Errors is { Count: > 0 };
}

/// <summary>A problem of the file or of a row, worded by the Catalog in the language the request asked for.</summary>
public sealed record ImportError(string? Field, string? Code, string Message);

public sealed record ImportCounts(int Rows, int Valid, int Errors, int List, int Change, int Unchanged);

public sealed record ImportResult(int Listed, int Changed, int Unchanged);

/// <summary>What an uploaded file would do, row by row, before anything is committed; once committed, its result.</summary>
public sealed record ImportPreview(
    Guid Id,
    string? FileName,
    string? Encoding,
    IReadOnlyList<string>? IgnoredColumns,
    IReadOnlyList<ImportRow> Rows,
    ImportCounts? Counts,
    bool CanCommit,
    string Status,
    ImportResult? Result)
{
    public bool IsCommitted => Status == "committed";
}

public sealed record QuestionAnswer(string Text, DateTimeOffset AnsweredAt, DateTimeOffset? EditedAt, string? ShopName);

/// <summary>A customer's question on one of the shop's products (never who asked), with the shop's answer once given.</summary>
public sealed record ShopQuestion(Guid Id, Guid ProductId, string Text, DateTimeOffset AskedAt, QuestionAnswer? Answer, bool Private);

/// <summary>The shops' back office and the co-op admin's approvals (services/Catalog/CONTRACT.md), always on behalf of the signed-in user.</summary>
public sealed partial class MarketplaceApi
{
    public Task<ApiResult<List<ManagedShop>>> ListMyShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<ManagedShop>>(HttpMethod.Get, $"/api/coops/{coop}/shops?owner=me", null, accessToken, cancellationToken);

    /// <summary>The approved shops, by name (public).</summary>
    public Task<ApiResult<List<ManagedShop>>> ListApprovedShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<ManagedShop>>(HttpMethod.Get, $"/api/coops/{coop}/shops", null, accessToken, cancellationToken);

    public Task<ApiResult<List<ManagedShop>>> ListPendingShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<ManagedShop>>(HttpMethod.Get, $"/api/coops/{coop}/shops?status=pending", null, accessToken, cancellationToken);

    public Task<ApiResult<ManagedShop>> GetShopAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<ManagedShop>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}", null, accessToken, cancellationToken);

    public Task<ApiResult<ManagedShop>> RegisterShopAsync(string accessToken, TenantId coop, ShopRegistration shop, CancellationToken cancellationToken) =>
        SendAsync<ManagedShop>(HttpMethod.Post, $"/api/coops/{coop}/shops", shop, accessToken, cancellationToken);

    public Task<ApiResult<ManagedShop>> ApproveShopAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<ManagedShop>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/approve", null, accessToken, cancellationToken);

    /// <summary>status: active, archived or all; outOfStock: only those with nothing available.</summary>
    public Task<ApiResult<List<ManagedProduct>>> ListShopProductsAsync(string accessToken, TenantId coop, Guid shop, string status, bool outOfStock, CancellationToken cancellationToken) =>
        SendAsync<List<ManagedProduct>>(
            HttpMethod.Get,
            $"/api/coops/{coop}/shops/{shop}/products?status={Uri.EscapeDataString(status)}{(outOfStock ? "&outOfStock=true" : "")}",
            null,
            accessToken,
            cancellationToken);

    /// <summary>One product of the shop, whatever its state (owners and admins).</summary>
    public Task<ApiResult<ManagedProduct>> GetShopProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/products/{product}", null, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> AddProductAsync(string accessToken, TenantId coop, Guid shop, NewProduct product, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products", product, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> UpdateProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, ProductDetails details, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}/products/{product}", details, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> ChangePriceAsync(string accessToken, TenantId coop, Guid shop, Guid product, Money price, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/price-changes", new { price }, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> ArchiveProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/archive", null, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> ReactivateProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/reactivate", null, accessToken, cancellationToken);

    public Task<ApiResult<ManagedProduct>> AdjustStockAsync(string accessToken, TenantId coop, Guid shop, Guid product, StockAdjustment adjustment, CancellationToken cancellationToken) =>
        SendAsync<ManagedProduct>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/stock-adjustments", adjustment, accessToken, cancellationToken);

    /// <summary>
    /// Uploads the file's bytes as they are (text/csv): the Catalog detects the encoding (UTF-8 with or
    /// without BOM, or Windows-1252), so the web app must not decode them. The user's language goes along
    /// for the rows' messages.
    /// </summary>
    public async Task<ApiResult<ImportPreview>> UploadImportAsync(string accessToken, TenantId coop, Guid shop, byte[] file, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await SendContentAsync<ImportPreview>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/imports", content, accessToken, cancellationToken);
    }

    public Task<ApiResult<ImportPreview>> GetImportAsync(string accessToken, TenantId coop, Guid shop, Guid import, CancellationToken cancellationToken) =>
        SendContentAsync<ImportPreview>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/imports/{import}", null, accessToken, cancellationToken);

    public Task<ApiResult<ImportResult>> CommitImportAsync(string accessToken, TenantId coop, Guid shop, Guid import, CancellationToken cancellationToken) =>
        SendContentAsync<ImportResult>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/imports/{import}/commit", null, accessToken, cancellationToken);

    /// <summary>status: "unanswered" for the ones waiting, null for all.</summary>
    public Task<ApiResult<List<ShopQuestion>>> ListShopQuestionsAsync(string accessToken, TenantId coop, Guid shop, string? status, CancellationToken cancellationToken) =>
        SendAsync<List<ShopQuestion>>(
            HttpMethod.Get,
            $"/api/coops/{coop}/shops/{shop}/questions{(status is null ? "" : "?status=" + Uri.EscapeDataString(status))}",
            null,
            accessToken,
            cancellationToken);

    public Task<ApiResult<ShopQuestion>> AnswerQuestionAsync(string accessToken, TenantId coop, Guid shop, Guid question, string text, bool keepPrivate, CancellationToken cancellationToken) =>
        SendAsync<ShopQuestion>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/questions/{question}/answer", new { text, @private = keepPrivate }, accessToken, cancellationToken);

    /// <summary>Like SendAsync, with a body already made, and the user's language for messages the service words itself.</summary>
    private async Task<ApiResult<T>> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.Name));
        using var response = await ExchangeAsync(request, cancellationToken);
        request.Content = null; // the caller owns and disposes the body
        if (response.IsSuccessStatusCode)
        {
            var value = response.Content.Headers.ContentLength is 0 || response.StatusCode is HttpStatusCode.NoContent
                ? default
                : await JsonSerializer.DeserializeAsync<T>(await response.Content.ReadAsStreamAsync(cancellationToken), Json, cancellationToken);
            return new ApiResult<T>(response.StatusCode, value, NoErrors, null);
        }

        return (await ReadProblemAsync(response, cancellationToken)).As<T>(response.StatusCode);
    }
}
