using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;
// The back office's names for the Catalog's records, which the storefront shares (one record per shape).

namespace Marketplace.Web.Api;

/// <summary>The shops' back office and the co-op admin's approvals (services/Catalog/CONTRACT.md), always on behalf of the signed-in user.</summary>
public sealed partial class MarketplaceApi
{
    public Task<ApiResult<List<Shop>>> ListMyShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<Shop>>(HttpMethod.Get, $"/api/coops/{coop}/shops?owner=me", null, accessToken, cancellationToken);

    /// <summary>The approved shops, by name (public).</summary>
    public Task<ApiResult<List<Shop>>> ListApprovedShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<Shop>>(HttpMethod.Get, $"/api/coops/{coop}/shops", null, accessToken, cancellationToken);

    public Task<ApiResult<List<Shop>>> ListPendingShopsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<Shop>>(HttpMethod.Get, $"/api/coops/{coop}/shops?status=pending", null, accessToken, cancellationToken);

    public Task<ApiResult<Shop>> GetShopAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}", null, accessToken, cancellationToken);

    public Task<ApiResult<Shop>> RegisterShopAsync(string accessToken, TenantId coop, ShopRegistration shop, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Post, $"/api/coops/{coop}/shops", shop, accessToken, cancellationToken);

    /// <summary>Replaces what the shop tells customers about itself (its owners and the admins).</summary>
    public Task<ApiResult<Shop>> ChangeShopDetailsAsync(string accessToken, TenantId coop, Guid shop, ShopRegistration details, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}", details, accessToken, cancellationToken);

    /// <summary>Replaces the shop's upcoming closures with these (the whole list).</summary>
    public Task<ApiResult<Shop>> SetShopClosuresAsync(string accessToken, TenantId coop, Guid shop, IReadOnlyList<ShopClosure> closures, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}/closures", new ShopClosures([.. closures.Select(c => new ShopClosureRequest(c.From, c.To, c.Reason))]), accessToken, cancellationToken);

    /// <summary>Names an account a co-owner of the shop (its owners and the admins); naming one again changes nothing.</summary>
    public Task<ApiResult<Shop>> AddShopOwnerAsync(string accessToken, TenantId coop, Guid shop, Guid accountId, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/owners", new { accountId }, accessToken, cancellationToken);

    /// <summary>Takes an account off the shop's owners: 409 shop.last_owner for the only one left.</summary>
    public Task<ApiResult<Shop>> RemoveShopOwnerAsync(string accessToken, TenantId coop, Guid shop, Guid accountId, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Delete, $"/api/coops/{coop}/shops/{shop}/owners/{accountId}", null, accessToken, cancellationToken);

    public Task<ApiResult<Shop>> ApproveShopAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/approve", null, accessToken, cancellationToken);

    /// <summary>Asks the owners of a pending shop for changes, in the admin's words (ADR 46).</summary>
    public Task<ApiResult<Shop>> RequestShopChangesAsync(string accessToken, TenantId coop, Guid shop, string message, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/request-changes", new { message }, accessToken, cancellationToken);

    /// <summary>Refuses a pending shop, saying why (ADR 46).</summary>
    public Task<ApiResult<Shop>> RefuseShopAsync(string accessToken, TenantId coop, Guid shop, string reason, CancellationToken cancellationToken) =>
        SendAsync<Shop>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/refuse", new { reason }, accessToken, cancellationToken);

    /// <summary>outOfStock: only those with nothing available.</summary>
    public Task<ApiResult<List<Product>>> ListShopProductsAsync(string accessToken, TenantId coop, Guid shop, ProductListFilter status, bool outOfStock, CancellationToken cancellationToken) =>
        SendAsync<List<Product>>(
            HttpMethod.Get,
            $"/api/coops/{coop}/shops/{shop}/products?status={status.Wire()}{(outOfStock ? "&outOfStock=true" : "")}",
            null,
            accessToken,
            cancellationToken);

    /// <summary>One product of the shop, whatever its state (owners and admins).</summary>
    public Task<ApiResult<Product>> GetShopProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/products/{product}", null, accessToken, cancellationToken);

    public Task<ApiResult<Product>> AddProductAsync(string accessToken, TenantId coop, Guid shop, NewProduct product, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products", product, accessToken, cancellationToken);

    public Task<ApiResult<Product>> UpdateProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, ProductDetails details, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}/products/{product}", details, accessToken, cancellationToken);

    public Task<ApiResult<Product>> ChangePriceAsync(string accessToken, TenantId coop, Guid shop, Guid product, Money price, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/price-changes", new { price }, accessToken, cancellationToken);

    public Task<ApiResult<Product>> ArchiveProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/archive", null, accessToken, cancellationToken);

    public Task<ApiResult<Product>> ReactivateProductAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/reactivate", null, accessToken, cancellationToken);

    public Task<ApiResult<Product>> AdjustStockAsync(string accessToken, TenantId coop, Guid shop, Guid product, StockAdjustment adjustment, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/stock-adjustments", adjustment, accessToken, cancellationToken);

    public Task<ApiResult<Product>> CountStockAsync(string accessToken, TenantId coop, Guid shop, Guid product, StockCount count, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/stock-counts", count, accessToken, cancellationToken);

    public Task<ApiResult<Product>> SetFoodInformationAsync(string accessToken, TenantId coop, Guid shop, Guid product, FoodInformationRequest food, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}/products/{product}/food-information", food, accessToken, cancellationToken);

    /// <summary>
    /// Uploads the file's bytes as they are (text/csv): the Catalog detects the encoding (UTF-8 with or
    /// without BOM, or Windows-1252), so the web app must not decode them. The user's language goes along
    /// for the rows' messages.
    /// </summary>
    public async Task<ApiResult<ImportPreview>> UploadImportAsync(string accessToken, TenantId coop, Guid shop, byte[] file, string? fileName, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var query = string.IsNullOrWhiteSpace(fileName) ? "" : "?fileName=" + Uri.EscapeDataString(fileName);
        return await SendContentAsync<ImportPreview>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/imports{query}", content, accessToken, cancellationToken);
    }

    /// <summary>A file the Catalog kept after refusing its header: its columns and the field each is read as.</summary>
    public Task<ApiResult<KeptImportFile>> GetKeptImportFileAsync(string accessToken, TenantId coop, Guid shop, Guid file, CancellationToken cancellationToken) =>
        SendAsync<KeptImportFile>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/import-files/{file}", null, accessToken, cancellationToken);

    /// <summary>Replaces the shop's column mapping (header name → field or "ignore"; one VAT rate for a file without a VAT column).</summary>
    public Task<ApiResult<ImportMapping>> SetImportMappingAsync(string accessToken, TenantId coop, Guid shop, ImportMapping mapping, CancellationToken cancellationToken) =>
        SendAsync<ImportMapping>(HttpMethod.Put, $"/api/coops/{coop}/shops/{shop}/import-mapping", mapping, accessToken, cancellationToken);

    public Task<ApiResult<ImportPreview>> PreviewKeptImportFileAsync(string accessToken, TenantId coop, Guid shop, Guid file, CancellationToken cancellationToken) =>
        SendContentAsync<ImportPreview>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/import-files/{file}/preview", null, accessToken, cancellationToken);

    public Task<ApiResult<ImportPreview>> GetImportAsync(string accessToken, TenantId coop, Guid shop, Guid import, CancellationToken cancellationToken) =>
        SendContentAsync<ImportPreview>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/imports/{import}", null, accessToken, cancellationToken);

    /// <summary>Commits the preview: all or nothing, or its valid rows only (the others left out) when <paramref name="validOnly"/>.</summary>
    public Task<ApiResult<ImportResult>> CommitImportAsync(string accessToken, TenantId coop, Guid shop, Guid import, bool validOnly, CancellationToken cancellationToken) =>
        SendContentAsync<ImportResult>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/imports/{import}/commit" + (validOnly ? "?validOnly=true" : ""), null, accessToken, cancellationToken);

    public Task<ApiResult<List<Question>>> ListShopQuestionsAsync(string accessToken, TenantId coop, Guid shop, QuestionFilter status, CancellationToken cancellationToken) =>
        SendAsync<List<Question>>(
            HttpMethod.Get,
            $"/api/coops/{coop}/shops/{shop}/questions{(status == QuestionFilter.All ? "" : "?status=" + status.Wire())}",
            null,
            accessToken,
            cancellationToken);

    public Task<ApiResult<Question>> AnswerQuestionAsync(string accessToken, TenantId coop, Guid shop, Guid question, string text, bool keepPrivate, CancellationToken cancellationToken) =>
        SendAsync<Question>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/questions/{question}/answer", new { text, @private = keepPrivate }, accessToken, cancellationToken);

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
