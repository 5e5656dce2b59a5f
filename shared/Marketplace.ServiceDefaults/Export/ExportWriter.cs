using System.Text.Json;

namespace Marketplace.ServiceDefaults.Export;

/// <summary>
/// One service's part of a cooperative's export, as JSON lines: a manifest line, one line per row
/// (<c>{"kind":"row","table":..,"row":{..}}</c>, the row as PostgreSQL's row_to_json writes it), and an end
/// line with the row count of every table, so a reader can tell a complete file from a cut one.
/// </summary>
public sealed class ExportWriter(Stream output)
{
    public const string Format = "marketplace-export/1";
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly SortedDictionary<string, long> _rows = new(StringComparer.Ordinal);

    public async Task WriteManifestAsync(string service, string schema, string cooperative, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        await WriteLineAsync(writer =>
        {
            writer.WriteString("kind", "manifest");
            writer.WriteString("format", Format);
            writer.WriteString("service", service);
            writer.WriteString("schema", schema);
            writer.WriteString("cooperative", cooperative);
            writer.WriteString("exportedAt", exportedAt);
        }, cancellationToken);
    }

    /// <summary>Makes the table appear in the end line even when it has no row.</summary>
    public void Table(string table) => _rows.TryAdd(table, 0);

    /// <summary>One row; <paramref name="rowJson"/> is a JSON object (written as is).</summary>
    public Task WriteRowAsync(string table, string rowJson, CancellationToken cancellationToken)
    {
        _rows[table] = _rows.GetValueOrDefault(table) + 1;
        return WriteLineAsync(writer =>
        {
            writer.WriteString("kind", "row");
            writer.WriteString("table", table);
            writer.WritePropertyName("row");
            writer.WriteRawValue(rowJson, skipInputValidation: false);
        }, cancellationToken);
    }

    /// <summary>Every row a query returns as one row_to_json text column, under <paramref name="table"/>.</summary>
    public async Task WriteRowsAsync(string table, Npgsql.NpgsqlCommand rowsAsJson, CancellationToken cancellationToken)
    {
        Table(table);
        await using var reader = await rowsAsJson.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await WriteRowAsync(table, reader.GetString(0), cancellationToken);
        }
    }

    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        await WriteLineAsync(writer =>
        {
            writer.WriteString("kind", "end");
            writer.WriteStartObject("rows");
            foreach (var (table, count) in _rows)
            {
                writer.WriteNumber(table, count);
            }

            writer.WriteEndObject();
        }, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private async Task WriteLineAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.Write(NewLine);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
