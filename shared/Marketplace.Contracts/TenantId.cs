using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Marketplace.Contracts;

/// <summary>
/// A cooperative's slug: the tenant id everywhere (routes, tokens, message contracts, Marten tenancy).
/// </summary>
[JsonConverter(typeof(TenantIdJsonConverter))]
public readonly partial record struct TenantId
{
    /// <summary>
    /// 3 to 40 characters: lower-case letters and digits in words joined by single dashes, starting with a letter.
    /// No dash at the end and never two in a row: "lyon--centre" and "lyon-centre-" would be other cooperatives that
    /// people cannot tell from "lyon-centre".
    /// </summary>
    public const string Pattern = "^(?=.{3,40}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$";

    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && SlugRegex().IsMatch(value);

    public static TenantId Parse(string value) =>
        IsValid(value) ? new TenantId(value) : throw new FormatException($"'{value}' is not a cooperative slug ({Pattern}).");

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId tenant)
    {
        tenant = IsValid(value) ? new TenantId(value) : default;
        return tenant.Value is not null;
    }

    public override string ToString() => Value;

    // \z, not $: in .NET '$' also matches before a final newline, which would let "demo\n" through.
    [GeneratedRegex(@"\A(?=.{3,40}\z)[a-z][a-z0-9]*(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();
}

internal sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TenantId.TryParse(reader.GetString(), out var tenant) ? tenant : throw new JsonException("Invalid cooperative slug.");

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
