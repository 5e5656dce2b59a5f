using System.Globalization;
using System.Text.Json.Serialization;

namespace Marketplace.Catalog.Common;

/// <summary>Text a shop writes in French and/or English; readers fall back to the other language.</summary>
public sealed record LocalizedText(string? Fr, string? En)
{
    public static readonly LocalizedText Empty = new(null, null);

    /// <summary>For the code only: not a member of the JSON (nor of the OpenAPI schema), where it would be noise.</summary>
    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Fr) && string.IsNullOrWhiteSpace(En);

    public string In(CultureInfo culture) =>
        (culture.TwoLetterISOLanguageName == "en" ? Pick(En, Fr) : Pick(Fr, En)) ?? string.Empty;

    public LocalizedText Trimmed() => new(Clean(Fr), Clean(En));

    private static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
