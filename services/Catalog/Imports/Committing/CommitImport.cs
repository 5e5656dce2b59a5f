using System.Security.Claims;
using JasperFx.Events;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Imports.Committing;

internal static partial class CommitImportEndpoint
{
    /// <summary>
    /// How many rows one session decides and writes. All sessions share one transaction (all or nothing still), but
    /// Marten's unit of work costs the square of its size: 10,000 streams in one session spent seconds before the
    /// first statement was sent.
    /// </summary>
    internal const int RowsPerSession = 500;

    /// <summary>Applies a previewed file, all or nothing (or its valid rows only, when asked); committing again answers the first result.</summary>
    public static void MapCommitImport(this RouteGroupBuilder shops) =>
        shops.MapPost("/{shop:guid}/imports/{import:guid}/commit", CommitAsync)
            .RequireShopManager()
            .WithName("CommitImport")
            .WithDescription("validOnly=true applies the rows without errors and leaves the others out (their lines in the result's skippedLines); otherwise a single row in error refuses the whole file (409).")
            .Produces<ImportResult>()
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>
    /// Applies the preview in one transaction: recomputed against the products fetched for writing (a product changed
    /// between preview and commit is taken as it is now; one changed during the commit makes it fail with 409, nothing
    /// applied). Committing again answers the first commit's result and appends nothing.
    /// </summary>
    private static async Task<IResult> CommitAsync(
        TenantId coop, Guid shop, Guid import, bool? validOnly, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, ILogger<ImportPreview> logger, CancellationToken cancellationToken)
    {
        var language = ImportMessages.LanguageOf(request);
        var now = clock.GetUtcNow();
        await using var transaction = await sessions.BeginTransactionAsync(coop, cancellationToken);
        await using var session = transaction.OpenSession();
        var preview = await session.LoadAsync<ImportPreview>(import, cancellationToken);
        if (preview?.Belongs(shop, now) != true)
        {
            return Importing.NoSuchImport();
        }

        if (preview.Status == ImportStatus.Committed)
        {
            return Results.Ok(preview.Result);
        }

        var skipInvalid = validOnly == true;
        if (skipInvalid ? !preview.CanCommitValidRows : !preview.CanCommit)
        {
            var withErrors = preview.Rows.Where(r => r.Errors.Count > 0).ToList();
            return Importing.RowsProblem(language, withErrors.Select(r => (r, r.Errors)).ToList(),
                language == "en" ? "The preview has errors: correct the file and upload it again." : "L'aperçu comporte des erreurs : corrigez le fichier et envoyez-le à nouveau.");
        }

        var started = clock.GetTimestamp();
        var existing = await Importing.ProductsBySkuAsync(session, shop, cancellationToken);
        var note = $"import {preview.Id}";
        var refused = new List<(ImportRow Row, IReadOnlyList<ImportMessage> Errors)>();
        int listed = 0, changed = 0, unchanged = 0;
        try
        {
            var skipped = skipInvalid ? preview.Rows.Where(r => r.Errors.Count > 0).Select(r => r.Line).ToList() : [];
            foreach (var rows in preview.Rows.Where(r => r.Errors.Count == 0).Chunk(RowsPerSession))
            {
                await using var part = transaction.OpenSession();
                var streams = await FetchForWritingAsync(part, [.. rows.Select(r => existing.GetValueOrDefault(r.Sku)?.Id).OfType<Guid>()], cancellationToken);
                var withHolds = (await part.WithHoldsAsync([.. streams.Values.Select(s => s.Aggregate).OfType<Product>()], null, now, cancellationToken)).ToDictionary(p => p.Id);
                var listings = new List<(Guid Id, IReadOnlyList<object> Events)>();
                foreach (var row in rows)
                {
                    var stream = existing.TryGetValue(row.Sku, out var product) ? streams[product.Id] : null;
                    var current = stream?.Aggregate is { } fetched ? withHolds[fetched.Id] : null;
                    var productId = current?.Id ?? Guid.CreateVersion7();
                    var decision = ImportPlanner.Decide(row, current, productId, shop, Importing.Currency, user.AccountId(), note, now);
                    if (decision.Refusal is { } refusal)
                    {
                        if (skipInvalid)
                        {
                            skipped.Add(row.Line); // valid at preview, not against the stock as it is now
                        }
                        else
                        {
                            refused.Add((row, [refusal]));
                        }

                        continue;
                    }

                    if (stream is null)
                    {
                        // written in bulk below (BulkListing): Marten's StartStream cost most of a large import's commit
                        listings.Add((productId, decision.Events));
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

                if (refused.Count == 0)
                {
                    // sent, not committed: the transaction commits once every part is in
                    await BulkListing.WriteAsync(part, listings, clock.GetUtcNow(), cancellationToken);
                    await part.SaveChangesAsync(cancellationToken);
                }
            }

            if (refused.Count > 0)
            {
                return Importing.RowsProblem(language, refused,
                    language == "en" ? "Nothing was imported: some rows cannot be applied to the current stock." : "Rien n'a été importé : certaines lignes ne peuvent pas s'appliquer au stock actuel.");
            }

            var sent = clock.GetElapsedTime(started);
            var result = new ImportResult(listed, changed, unchanged, skipped.Count, skipped.Count > 0 ? [.. skipped.Order()] : null);
            session.Store(preview with { Status = ImportStatus.Committed, Result = result, CommittedAt = now });
            await session.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var total = clock.GetElapsedTime(started);
            LogCommitted(logger, preview.Id, shop, listed, changed, unchanged, (long)sent.TotalMilliseconds, (long)total.TotalMilliseconds);
            return Results.Ok(result);
        }
        catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
        {
            // a product with one of the file's new references was listed by hand since the commit began
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: language == "en" ? "A product with one of these references was added meanwhile; nothing was imported. Commit again." : "Un produit avec l'une de ces références a été ajouté entre-temps ; rien n'a été importé. Validez à nouveau.");
        }
    }

    /// <summary>Every product stream to change, fetched for writing a few hundred per round trip rather than one each.</summary>
    private static async Task<Dictionary<Guid, IEventStream<Product>>> FetchForWritingAsync(IDocumentSession session, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<Guid, IEventStream<Product>>();
        foreach (var chunk in ids.Distinct().Chunk(RowsPerSession))
        {
            var fetched = await session.Events.FetchManyForWriting<Product>(chunk, cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                streams[chunk[i]] = fetched[i];
            }
        }

        return streams;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Import} of shop {Shop} committed: {Listed} listed, {Changed} changed, {Unchanged} unchanged; sent in {SentMs} ms, committed after {TotalMs} ms")]
    private static partial void LogCommitted(ILogger logger, Guid import, Guid shop, int listed, int changed, int unchanged, long sentMs, long totalMs);
}
