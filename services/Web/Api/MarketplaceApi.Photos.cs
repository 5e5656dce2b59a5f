using System.Net.Http.Headers;
using Marketplace.Contracts;
using Marketplace.Web.Api.Catalog;

namespace Marketplace.Web.Api;

/// <summary>Shop and product photos (services/Catalog/CONTRACT.md, Photos): uploaded from the back office, served to browsers through the web app.</summary>
public sealed partial class MarketplaceApi
{
    public async Task<ApiResult<Photo>> UploadProductPhotoAsync(string accessToken, TenantId coop, Guid shop, Guid product, Stream file, string fileName, CancellationToken cancellationToken)
    {
        using var content = PhotoForm(file, fileName);
        return await SendContentAsync<Photo>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/products/{product}/photo", content, accessToken, cancellationToken);
    }

    public async Task<ApiResult<Photo>> UploadShopPhotoAsync(string accessToken, TenantId coop, Guid shop, Stream file, string fileName, CancellationToken cancellationToken)
    {
        using var content = PhotoForm(file, fileName);
        return await SendContentAsync<Photo>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/photo", content, accessToken, cancellationToken);
    }

    public Task<ApiResult<object>> RemoveShopPhotoAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/shops/{shop}/photo", null, accessToken, cancellationToken);

    public Task<ApiResult<object>> RemoveProductPhotoAsync(string accessToken, TenantId coop, Guid shop, Guid product, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/shops/{shop}/products/{product}/photo", null, accessToken, cancellationToken);

    /// <summary>
    /// One size of a photo as the Catalog serves it (anyone may read it): the browser asks the web app at the address
    /// the read models give, and gets the bytes with the Catalog's caching headers. The caller disposes the answer.
    /// </summary>
    public Task<HttpResponseMessage> GetPhotoAsync(string path, CancellationToken cancellationToken) =>
        http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static MultipartFormDataContent PhotoForm(Stream file, string fileName)
    {
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", string.IsNullOrWhiteSpace(fileName) ? "photo" : fileName } };
    }
}
