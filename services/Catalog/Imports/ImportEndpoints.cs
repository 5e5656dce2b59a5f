using System.Globalization;
using System.Security.Claims;
using JasperFx.Events;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Marketplace.Catalog.Imports", Justification = "The feature folder's name; no Visual Basic consumer.")]

namespace Marketplace.Catalog.Imports;

/// <summary>CSV import of a shop's products: upload → preview (stored) → commit, all or nothing. Owners and admins only.</summary>
public static partial class ImportEndpoints
{
    /// <summary>The cooperative's currency; every cooperative trades in euros for now (see CONTRACT.md).</summary>
    public const string Currency = ProductRules.Currency;

    /// <summary>How many product streams one batched query fetches for writing at commit.</summary>
    private const int FetchBatchSize = 500;

    public static void ConfigureImports(this StoreOptions options) =>
        options.Schema.For<ImportPreview>()
            .UseOptimisticConcurrency(true)
            .Index(p => p.ExpiresAt);

    public static void MapImports(this RouteGroupBuilder shops)
    {
        shops.MapPost("/{shop:guid}/imports", UploadAsync)
            .RequireShopManager()
            .WithName("UploadImport")
            // No Accepts(...) metadata: routing would answer 415 before authorization for other content types.
            .WithDescription("Body: the CSV file as raw bytes (text/csv), or multipart/form-data with a file field \"file\". At most 5 MB.")
            .Produces<ImportPreviewResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        shops.MapGet("/{shop:guid}/imports/{import:guid}", GetAsync)
            .RequireShopManager()
            .WithName("GetImport")
            .Produces<ImportPreviewResponse>();

        shops.MapPost("/{shop:guid}/imports/{import:guid}/commit", CommitAsync)
            .RequireShopManager()
            .WithName("CommitImport")
            .Produces<ImportResult>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UploadAsync(
        TenantId coop, Guid shop, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var language = ImportMessages.LanguageOf(request);
        var upload = await ImportUpload.ReadAsync(request, cancellationToken);
        if (upload.Problem is { } uploadProblem)
        {
            return Problem(upload.Status, language, [uploadProblem], "import.file");
        }

        var parsed = ImportParser.Parse(upload.Bytes!);
        if (parsed.File is not { } file)
        {
            return Problem(StatusCodes.Status400BadRequest, language, parsed.Problems, "import.file");
        }

        var now = clock.GetUtcNow();
        await using var session = sessions.OpenSession(coop);
        var products = await ProductsBySkuAsync(session, shop, cancellationToken);
        var rows = file.Rows
            .Select(row => ImportPlanner.ToRow(row, ImportRules.Check(row)))
            .Select(row => ImportPlanner.Preview(row, products.GetValueOrDefault(row.Sku), Currency, now))
            .ToList();
        var preview = new ImportPreview(
            Guid.CreateVersion7(),
            shop,
            upload.FileName,
            file.Encoding,
            file.Delimiter == '\t' ? "tab" : file.Delimiter.ToString(),
            [.. file.Columns.Order().Select(c => c.ToString())],
            file.IgnoredColumns,
            rows,
            Currency,
            user.AccountId(),
            now,
            now + ImportPreview.Lifetime,
            ImportStatus.Previewed,
            null,
            null);
        session.DeleteWhere<ImportPreview>(p => p.ExpiresAt <= now);
        session.Insert(preview);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/coops/{coop}/shops/{shop}/imports/{preview.Id}", ImportPreviewResponse.From(preview, language));
    }

    private static async Task<IResult> GetAsync(
        TenantId coop, Guid shop, Guid import, HttpRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        var preview = await session.LoadAsync<ImportPreview>(import, cancellationToken);
        return preview is null || preview.ShopId != shop || preview.IsExpired(clock.GetUtcNow())
            ? NoSuchImport()
            : Results.Ok(ImportPreviewResponse.From(preview, ImportMessages.LanguageOf(request)));
    }

    /// <summary>
    /// Applies the preview in one transaction: recomputed against the products fetched for writing (a product changed
    /// between preview and commit is taken as it is now; one changed during the commit makes it fail with 409, nothing
    /// applied). Committing again answers the first commit's result and appends nothing.
    /// </summary>
    private static async Task<IResult> CommitAsync(
        TenantId coop, Guid shop, Guid import, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, ILogger<ImportPreview> logger, CancellationToken cancellationToken)
    {
        var language = ImportMessages.LanguageOf(request);
        var now = clock.GetUtcNow();
        await using var session = sessions.OpenSession(coop);
        var preview = await session.LoadAsync<ImportPreview>(import, cancellationToken);
        if (preview is null || preview.ShopId != shop || preview.IsExpired(now))
        {
            return NoSuchImport();
        }

        if (preview.Status == ImportStatus.Committed)
        {
            return Results.Ok(preview.Result);
        }

        if (!preview.CanCommit)
        {
            var withErrors = preview.Rows.Where(r => r.Errors.Count > 0).ToList();
            return RowsProblem(language, withErrors.Select(r => (r, r.Errors)).ToList(),
                language == "en" ? "The preview has errors: correct the file and upload it again." : "L'aperçu comporte des erreurs : corrigez le fichier et envoyez-le à nouveau.");
        }

        var started = clock.GetTimestamp();
        var existing = await ProductsBySkuAsync(session, shop, cancellationToken);
        var streams = await FetchForWritingAsync(session, [.. preview.Rows.Select(r => existing.GetValueOrDefault(r.Sku)?.Id).OfType<Guid>()], cancellationToken);
        var note = $"import {preview.Id}";
        var refused = new List<(ImportRow Row, IReadOnlyList<ImportMessage> Errors)>();
        int listed = 0, changed = 0, unchanged = 0;
        foreach (var row in preview.Rows)
        {
            var stream = existing.TryGetValue(row.Sku, out var product) ? streams[product.Id] : null;
            var current = stream?.Aggregate;
            var productId = current?.Id ?? Guid.CreateVersion7();
            var decision = ImportPlanner.Decide(row, current, productId, shop, Currency, user.AccountId(), note, now);
            if (decision.Refusal is { } refusal)
            {
                refused.Add((row, [refusal]));
                continue;
            }

            if (stream is null)
            {
                session.Events.StartStream<Product>(productId, decision.Events);
                listed++;
            }
            else if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                changed++;
            }
            else
            {
                unchanged++;
            }
        }

        if (refused.Count > 0)
        {
            return RowsProblem(language, refused,
                language == "en" ? "Nothing was imported: some rows cannot be applied to the current stock." : "Rien n'a été importé : certaines lignes ne peuvent pas s'appliquer au stock actuel.");
        }

        var decided = clock.GetElapsedTime(started);
        var result = new ImportResult(listed, changed, unchanged);
        session.Store(preview with { Status = ImportStatus.Committed, Result = result, CommittedAt = now });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            var saved = clock.GetElapsedTime(started) - decided;
            LogCommitted(logger, preview.Id, shop, listed, changed, unchanged, (long)decided.TotalMilliseconds, (long)saved.TotalMilliseconds);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            // a product with one of the file's new references was listed by hand since the commit began
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: language == "en" ? "A product with one of these references was added meanwhile; nothing was imported. Commit again." : "Un produit avec l'une de ces références a été ajouté entre-temps ; rien n'a été importé. Validez à nouveau.");
        }

        return Results.Ok(result);
    }

    /// <summary>The shop's products (active or archived) that have a SKU, by SKU, as of now.</summary>
    private static async Task<Dictionary<string, Product>> ProductsBySkuAsync(IQuerySession session, Guid shop, CancellationToken cancellationToken)
    {
        var products = await session.Query<Product>().Where(p => p.ShopId == shop && p.Sku != null).ToListAsync(cancellationToken);
        var bySku = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            bySku.TryAdd(product.Sku!, product);
        }

        return bySku;
    }

    /// <summary>Every product stream to change, fetched for writing a few hundred per round trip rather than one each.</summary>
    private static async Task<Dictionary<Guid, IEventStream<Product>>> FetchForWritingAsync(IDocumentSession session, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<Guid, IEventStream<Product>>();
        foreach (var chunk in ids.Distinct().Chunk(FetchBatchSize))
        {
            var fetched = await session.Events.FetchManyForWriting<Product>(chunk, cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                streams[chunk[i]] = fetched[i];
            }
        }

        return streams;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Import} of shop {Shop} committed: {Listed} listed, {Changed} changed, {Unchanged} unchanged; decided in {DecideMs} ms, saved in {SaveMs} ms")]
    private static partial void LogCommitted(ILogger logger, Guid import, Guid shop, int listed, int changed, int unchanged, long decideMs, long saveMs);

    private static bool IsUniqueViolation(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e.InnerException is { } inner && IsUniqueViolation(inner);

    private static IResult NoSuchImport() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import for this shop (imports expire after 24 hours).");

    private static IResult Problem(int status, string language, IReadOnlyList<ImportMessage> problems, string type)
    {
        var errors = problems.Select(p => ImportPreviewResponse.Render(p, language)).ToList();
        return Results.Problem(
            statusCode: status,
            title: language == "en" ? "This file cannot be imported." : "Ce fichier ne peut pas être importé.",
            detail: string.Join(" ", errors.Select(e => e.Message)),
            extensions: new Dictionary<string, object?> { ["code"] = type, ["errors"] = errors });
    }

    private static IResult RowsProblem(string language, IReadOnlyList<(ImportRow Row, IReadOnlyList<ImportMessage> Errors)> rows, string title)
    {
        var lines = string.Join(", ", rows.Take(20).Select(r => r.Row.Line.ToString(CultureInfo.InvariantCulture)));
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: title,
            detail: (language == "en" ? "Lines: " : "Lignes : ") + lines + (rows.Count > 20 ? "…" : ""),
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = rows.Select(r => new
                {
                    line = r.Row.Line,
                    sku = r.Row.Sku,
                    errors = r.Errors.Select(e => ImportPreviewResponse.Render(e, language)).ToList(),
                }).ToList(),
            });
    }
}
