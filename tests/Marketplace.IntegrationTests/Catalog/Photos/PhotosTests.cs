using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Catalog.Questions;
using Marketplace.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Marketplace.IntegrationTests.Catalog.Photos;

/// <summary>Shop owners upload photos; the Catalog keeps clean, upright, resized copies in the cooperative's database.</summary>
public sealed class PhotosTests(TwoCooperatives cooperatives) : MarketplaceTest, IClassFixture<TwoCooperatives>
{
    private readonly TenantId _coop = cooperatives.Coop;
    private readonly TenantId _otherCoop = cooperatives.OtherCoop;
    private readonly Guid _owner = Guid.NewGuid();
    private Guid _shop;
    private Guid _product;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _shop = await App.ApprovedShopAsync(_coop, "Fromagerie Dupont", _owner);
        _product = await App.ProductAsync(_coop, _shop, "Comté 18 mois", "Comté 18 months");
    }

    private HttpClient Owner() => App.CatalogClient(QuestionsApi.TokenFor(_owner, $"{_coop}:shop_owner"));

    private string ProductPhoto => $"/api/coops/{_coop}/shops/{_shop}/products/{_product}/photo";

    [Fact]
    public async Task A_phone_photo_is_served_upright_without_its_gps_in_every_size_cached_for_a_year()
    {
        var file = PhotoFiles.PhoneJpeg();
        using (var codec = SKCodec.Create(new MemoryStream(file)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin); // the file really carries its EXIF block
        }

        Assert.Contains(PhotoFiles.Secret, Encoding.ASCII.GetString(file), StringComparison.Ordinal);
        using var owner = Owner();

        using var response = await owner.PostAsync(ProductPhoto, Form(file, "IMG_0001.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photo = await response.Content.ReadFromJsonAsync<JsonElement>();
        // 400 × 300 turned a quarter clockwise: 300 wide, 400 high; a 160 size and the original width (never enlarged).
        Assert.Equal(300, photo.GetProperty("width").GetInt32());
        Assert.Equal(400, photo.GetProperty("height").GetInt32());
        var sizes = photo.GetProperty("sizes").EnumerateArray().ToList();
        Assert.Equal([160, 300], sizes.Select(s => s.GetProperty("width").GetInt32()));
        Assert.Equal(response.Headers.Location?.ToString(), photo.GetProperty("url").GetString());

        using var anonymous = App.CatalogClient();
        foreach (var size in sizes)
        {
            using var served = await anonymous.GetAsync(size.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            Assert.NotNull(served.Headers.ETag);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            var text = Encoding.ASCII.GetString(bytes);
            Assert.DoesNotContain("EXIF", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(PhotoFiles.Secret, text, StringComparison.Ordinal);
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
            Assert.Equal(size.GetProperty("width").GetInt32(), codec.Info.Width);
            Assert.Equal(size.GetProperty("height").GetInt32(), codec.Info.Height);
            using var bitmap = SKBitmap.Decode(bytes);
            // Upright: the left half (red) is now on top, the right half (blue) below.
            Assert.True(IsRed(bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 8)), "red on top");
            Assert.True(IsBlue(bitmap.GetPixel(bitmap.Width / 2, bitmap.Height * 7 / 8)), "blue below");

            // The browser asks again with the ETag: 304, no body.
            using var again = new HttpRequestMessage(HttpMethod.Get, size.GetProperty("url").GetString());
            again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
            using var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
    }

    [Fact]
    public async Task A_large_photo_is_made_in_the_three_sizes_the_pages_use_and_a_png_or_raw_body_is_taken_too()
    {
        using var owner = Owner();

        using var form = await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/photo", Form(PhotoFiles.Jpeg(2000, 1000, SKEncodedImageFormat.Png), "shop.png", "image/png"));
        var raw = new ByteArrayContent(PhotoFiles.Jpeg(2000, 1000));
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var body = await owner.PostAsync(ProductPhoto, raw);

        foreach (var response in new[] { form, body })
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var photo = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([160, 480, 1200], photo.GetProperty("sizes").EnumerateArray().Select(s => s.GetProperty("width").GetInt32()));
            Assert.Equal([80, 240, 600], photo.GetProperty("sizes").EnumerateArray().Select(s => s.GetProperty("height").GetInt32()));
        }
    }

    public static TheoryData<string> Hostile => ["zero bytes", "text named .jpg", "truncated jpeg", "huge png header", "png wider than any photo", "gif"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_file_that_is_not_a_usable_image_is_refused_on_the_file_field(string kind)
    {
        var (bytes, code) = kind switch
        {
            "zero bytes" => (Array.Empty<byte>(), "photo.not_an_image"),
            "text named .jpg" => ("Ceci n'est pas une image.\n"u8.ToArray(), "photo.not_an_image"),
            "truncated jpeg" => (PhotoFiles.PhoneJpeg(800, 600)[..1500], "photo.not_an_image"),
            "huge png header" => (PhotoFiles.HugePngHeader(), "photo.too_many_pixels"),
            "png wider than any photo" => (PhotoFiles.HugePngHeader(30_000), "photo.too_many_pixels"),
            _ => ("GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8.ToArray(), "photo.not_an_image"),
        };
        using var owner = Owner();

        using var response = await owner.PostAsync(ProductPhoto, Form(bytes, "photo.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([code], problem.GetProperty("codes").GetProperty("file").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_form_without_the_file_or_a_file_over_10_mb_is_refused()
    {
        using var owner = Owner();

        using var noFile = await owner.PostAsync(ProductPhoto, new MultipartFormDataContent { { new StringContent("x"), "other" } });
        using var tooLarge = await owner.PostAsync(ProductPhoto, Form(new byte[(10 * 1024 * 1024) + 1], "big.jpg", "image/jpeg"));
        using var rawTooLarge = await owner.PostAsync(ProductPhoto, new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]));

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("photo.no_file", (await noFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rawTooLarge.StatusCode);
        Assert.Equal("photo.too_large", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_replaced_or_removed_photo_is_no_longer_served_and_the_product_shows_none()
    {
        using var owner = Owner();
        using var anonymous = App.CatalogClient();
        var first = await UploadedUrlAsync(owner, ProductPhoto, PhotoFiles.Jpeg(600, 600));
        Assert.Equal(first, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{_product}")).GetProperty("photo").GetProperty("url").GetString());

        var second = await UploadedUrlAsync(owner, ProductPhoto, PhotoFiles.Jpeg(500, 700));
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(ProductPhoto)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(ProductPhoto)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{_product}")).GetProperty("photo").ValueKind);
    }

    [Fact]
    public async Task The_shop_photo_shows_on_the_shop()
    {
        using var owner = Owner();
        var url = await UploadedUrlAsync(owner, $"/api/coops/{_coop}/shops/{_shop}/photo", PhotoFiles.Jpeg(800, 600));

        using var anonymous = App.CatalogClient();
        var shop = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}");
        Assert.Equal(url, shop.GetProperty("photo").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Another_cooperative_cannot_read_or_change_this_cooperatives_photos()
    {
        using var owner = Owner();
        var url = await UploadedUrlAsync(owner, ProductPhoto, PhotoFiles.Jpeg(300, 300));
        var sameInOther = url.Replace($"/coops/{_coop}/", $"/coops/{_otherCoop}/", StringComparison.Ordinal);
        using var anonymous = App.CatalogClient();
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_otherCoop}:admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(sameInOther)).StatusCode);
        // The other cooperative's admin, through its own cooperative: no such shop there.
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsync(ProductPhoto.Replace($"/coops/{_coop}/", $"/coops/{_otherCoop}/", StringComparison.Ordinal), Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
        // ...and through this one: no role here.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PostAsync(ProductPhoto, Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.DeleteAsync(ProductPhoto)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Only_the_shops_owners_and_the_cooperatives_admins_upload_and_only_for_the_shops_own_products()
    {
        var otherOwner = Guid.NewGuid();
        var otherShop = await App.ApprovedShopAsync(_coop, "Cave Martin", otherOwner);
        var otherProduct = await App.ProductAsync(_coop, otherShop, "Vin", "Wine");
        using var stranger = App.CatalogClient(QuestionsApi.TokenFor(otherOwner, $"{_coop}:shop_owner"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var anonymous = App.CatalogClient();
        using var owner = Owner();

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync(ProductPhoto, Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(ProductPhoto, Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(ProductPhoto, Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
        // Another shop's product through this shop's address: no such product in this shop.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{otherProduct}/photo", Form(PhotoFiles.Jpeg(10, 10), "a.jpg", "image/jpeg"))).StatusCode);
    }

    private static async Task<string> UploadedUrlAsync(HttpClient client, string path, byte[] file)
    {
        using var response = await client.PostAsync(path, Form(file, "photo.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    internal static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Blue < 60;

    private static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60;
}
