using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marten.Schema;

namespace Marketplace.Catalog.Imports;

public static class ImportAction
{
    public const string List = "list";
    public const string Change = "change";
    public const string Unchanged = "unchanged";
}

public static class ImportStatus
{
    public const string Previewed = "previewed";
    public const string Committed = "committed";
}

/// <summary>
/// A row of the file as it will be applied: its values (null where the file has nothing or the value did not
/// parse), what it does to the shop's catalog, and its problems as message codes.
/// </summary>
public sealed record ImportRow(
    int Line,
    string Sku,
    LocalizedText Name,
    LocalizedText Description,
    string? Category,
    long? Price,
    int? VatRate,
    int? Stock,
    string? ImageUrl,
    Guid? ProductId,
    string? Action,
    bool Reactivates,
    IReadOnlyList<ImportMessage> Errors,
    ImportBefore? Before = null,
    ImportFood? Food = null);

/// <summary>
/// What the product named by a row has before the import (null for a new one): the preview shows old → new, so a file
/// that would put a price or a stock back is seen before it is committed.
/// </summary>
public sealed record ImportBefore(LocalizedText Name, string Category, long Price, int VatRate, int OnHand, bool IsActive);

public sealed record ImportCounts(int Rows, int Valid, int Errors, int List, int Change, int Unchanged)
{
    public static ImportCounts Of(IReadOnlyList<ImportRow> rows) => new(
        rows.Count,
        rows.Count(r => r.Errors.Count == 0),
        rows.Count(r => r.Errors.Count > 0),
        rows.Count(r => r.Action == ImportAction.List),
        rows.Count(r => r.Action == ImportAction.Change),
        rows.Count(r => r.Action == ImportAction.Unchanged));
}

/// <summary>What a commit did; <c>Skipped</c>: rows left out by a commit of the valid rows only (their lines in <c>SkippedLines</c>).</summary>
public sealed record ImportResult(int Listed, int Changed, int Unchanged, int Skipped, IReadOnlyList<int>? SkippedLines);

/// <summary>
/// An uploaded file, read and checked against the shop's catalog, waiting to be committed: a Marten document in the
/// cooperative's database. Previews expire <see cref="ImportPreview.Lifetime"/> after upload: an expired preview
/// answers 404, and every upload deletes the cooperative's expired previews in its own transaction (no sweeper).
/// A committed preview keeps its result until it expires, so committing again answers the same result.
/// </summary>
public sealed record ImportPreview(
    Guid Id,
    Guid ShopId,
    string? FileName,
    string Encoding,
    string Delimiter,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportRow> Rows,
    string Currency,
    Guid? UploadedBy,
    DateTimeOffset UploadedAt,
    DateTimeOffset ExpiresAt,
    string Status,
    ImportResult? Result,
    DateTimeOffset? CommittedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Optimistic concurrency on the document: of two commits racing on one preview, one fails (409), the other applies it once.</summary>
    [Version]
    public Guid Version { get; set; }

    public ImportCounts Counts => ImportCounts.Of(Rows);

    public bool CanCommit => Status == ImportStatus.Previewed && Rows.Count > 0 && Rows.All(r => r.Errors.Count == 0);

    /// <summary>Some rows are valid: a commit of the valid rows only can apply them and leave the others out.</summary>
    public bool CanCommitValidRows => Status == ImportStatus.Previewed && Rows.Any(r => r.Errors.Count == 0);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>The preview is this shop's and has not expired: anything else answers 404, as if it did not exist.</summary>
    public bool Belongs(Guid shop, DateTimeOffset now) => ShopId == shop && !IsExpired(now);
}

public sealed record ImportErrorResponse(string Field, string Code, string Message);

public sealed record ImportRowResponse(
    int Line,
    string Sku,
    LocalizedText Name,
    LocalizedText Description,
    string? Category,
    Money? Price,
    int? VatRate,
    int? Stock,
    string? ImageUrl,
    Guid? ProductId,
    string? Action,
    bool Reactivates,
    IReadOnlyList<ImportErrorResponse> Errors,
    ImportBeforeResponse? Before,
    ImportFood? Food = null);

/// <summary>The product's values before the import, for a row naming an existing product (null for a new one).</summary>
public sealed record ImportBeforeResponse(LocalizedText Name, string Category, Money Price, int VatRate, int OnHand, bool IsActive);

public sealed record ImportPreviewResponse(
    Guid Id,
    Guid ShopId,
    string? FileName,
    string Encoding,
    string Delimiter,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportRowResponse> Rows,
    ImportCounts Counts,
    bool CanCommit,
    string Status,
    DateTimeOffset UploadedAt,
    DateTimeOffset ExpiresAt,
    ImportResult? Result)
{
    /// <summary>The stored preview with its messages in <paramref name="language"/> ("fr" or "en").</summary>
    public static ImportPreviewResponse From(ImportPreview preview, string language) => new(
        preview.Id,
        preview.ShopId,
        preview.FileName,
        preview.Encoding,
        preview.Delimiter,
        preview.Columns,
        preview.IgnoredColumns,
        [.. preview.Rows.Select(row => new ImportRowResponse(
            row.Line,
            row.Sku,
            row.Name,
            row.Description,
            row.Category,
            row.Price is { } minor ? new Money(minor, preview.Currency) : null,
            row.VatRate,
            row.Stock,
            row.ImageUrl,
            row.ProductId,
            row.Action,
            row.Reactivates,
            [.. row.Errors.Select(e => Render(e, language))],
            row.Before is { } before ? new ImportBeforeResponse(before.Name, before.Category, new Money(before.Price, preview.Currency), before.VatRate, before.OnHand, before.IsActive) : null,
            row.Food))],
        preview.Counts,
        preview.CanCommit,
        preview.Status,
        preview.UploadedAt,
        preview.ExpiresAt,
        preview.Result);

    public static ImportErrorResponse Render(ImportMessage message, string language) =>
        new(message.Field, message.Code, ImportMessages.Render(message.Code, message.Args, language));
}
