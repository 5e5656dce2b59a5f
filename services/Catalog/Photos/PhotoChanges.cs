using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Catalog.Photos;

/// <summary>What the shop's and the products' photo use cases share: uploading, removing and serving a photo of either.</summary>
internal static class PhotoChanges
{
    /// <summary>An upload's description, rights (the shop's owners, the cooperative's admins) and answers.</summary>
    public static RouteHandlerBuilder DescribeUpload(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint
            .RequireShopManager()
            .WithName(name)
            .WithSummary(summary)
            // No Accepts(...) metadata: routing would answer 415 before authorization for other content types.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = PhotoUpload.Body;
                return Task.CompletedTask;
            })
            .Produces<PhotoResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads, checks and resizes the file, then replaces the subject's photo (its old sizes' addresses answer 404 from then on).</summary>
    public static async Task<IResult> UploadAsync(
        TenantId coop, Guid shop, Guid subject, string of, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await PhotoUpload.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var processed = PhotoProcessing.Process(bytes!);
        if (processed.Refusal is { } code)
        {
            return PhotoUpload.Refused(code);
        }

        var photo = new Photo
        {
            Id = subject,
            ShopId = shop,
            Of = of,
            Version = processed.Version!,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = user.AccountId(),
            Sizes = [.. processed.Sizes!.Select(s => new PhotoDimensions(s.Width, s.Height))],
        };
        await using var session = sessions.OpenSession(coop);
        session.DeleteWhere<PhotoFile>(f => f.SubjectId == subject);
        session.Store(photo);
        foreach (var size in processed.Sizes!)
        {
            session.Store(new PhotoFile { Id = photo.FileId(size.Width), SubjectId = subject, Of = of, Bytes = size.Bytes });
        }

        await session.SaveChangesAsync(cancellationToken);
        var response = PhotoResponse.From(coop.Value, photo);
        return Results.Created(response.Url, response);
    }

    public static RouteHandlerBuilder DescribeRemoval(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint.RequireShopManager().WithName(name).WithSummary(summary).Produces(StatusCodes.Status204NoContent);

    /// <summary>The subject goes back to the placeholder; removing a photo it does not have changes nothing (204 all the same).</summary>
    public static async Task<IResult> RemoveAsync(TenantId coop, Guid shop, Guid subject, string of, CooperativeSessions sessions, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        // Only this shop's photo of that kind: another shop's product id removes nothing.
        if (await session.LoadAsync<Photo>(subject, cancellationToken) is not { } photo || photo.ShopId != shop || photo.Of != of)
        {
            return Results.NoContent();
        }

        session.Delete(photo);
        session.DeleteWhere<PhotoFile>(f => f.SubjectId == subject);
        await session.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }

    public static RouteHandlerBuilder DescribeServing(this RouteHandlerBuilder endpoint, string name) =>
        endpoint
            .AllowAnonymous()
            .WithName(name)
            .WithSummary("One size of a photo (WebP, cached for a year under its versioned address; 304 on If-None-Match).")
            .Produces(StatusCodes.Status200OK, contentType: PhotoProcessing.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// One size of a photo, to anyone with its address: the address names the cooperative (the photo is read from its
    /// database only), the version (a hash of the bytes) and the width, so it is cached for a year and never changes.
    /// </summary>
    public static async Task<IResult> ServeAsync(
        TenantId coop, Guid subject, string of, string version, string width, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken)
    {
        // The version is a hex hash and the width a number: anything else names no file.
        PhotoFile? file = null;
        if (version.Length == 16 && version.All(char.IsAsciiHexDigitLower) && width.Length <= 5 && width.All(char.IsAsciiDigit) && width.Length > 0)
        {
            await using var session = sessions.QuerySession(coop);
            file = await session.LoadAsync<PhotoFile>(PhotoFile.IdOf(subject, version, int.Parse(width, System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        }

        if (file is null || file.Of != of)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such photo in this cooperative.");
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(file.Bytes, PhotoProcessing.ContentType, entityTag: new EntityTagHeaderValue($"\"{version}-{width}\""));
    }
}
