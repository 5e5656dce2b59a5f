using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web;

/// <summary>Where the web app finds the API and how long a page waits for it (section "Marketplace").</summary>
public sealed class WebSettings : IValidatableObject
{
    public const string Section = "Marketplace";

    /// <summary>The gateway's address: every call of the web app goes through it.</summary>
    public Uri ApiBaseUrl { get; set; } = new("http://127.0.0.1:5100");

    /// <summary>A page waits at most this long for the gateway, then says "try again" (HttpClient's own default is 100 s).</summary>
    [Range(1, 300)]
    public int ApiTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The map tiles the shops' maps show (ADR 49): OpenStreetMap's by default, under its tile usage policy; a cooperative
    /// with many visitors points it at its own tile server. {z}, {x} and {y} are the zoom and the tile's numbers.
    /// </summary>
    public string MapTileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiBaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return new ValidationResult("The API's address is an absolute http(s) address.", [nameof(ApiBaseUrl)]);
        }

        if (!Uri.TryCreate(MapTileUrl, UriKind.Absolute, out var tiles) || tiles.Scheme is not ("http" or "https")
            || !MapTileUrl.Contains("{z}", StringComparison.Ordinal) || !MapTileUrl.Contains("{x}", StringComparison.Ordinal) || !MapTileUrl.Contains("{y}", StringComparison.Ordinal))
        {
            yield return new ValidationResult("The map tiles' address is an absolute http(s) address with {z}, {x} and {y}.", [nameof(MapTileUrl)]);
        }
    }
}
