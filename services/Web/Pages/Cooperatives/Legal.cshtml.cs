using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Cooperatives;

/// <summary>
/// A cooperative's legal notice, terms of sale or privacy policy, as its admins wrote it (ADR 47), in the page's language;
/// written only in the other one, in that one with a note saying so; not written yet, a polite word, answered 404.
/// The text is plain: paragraphs split by blank lines, every character encoded, never HTML.
/// </summary>
public sealed partial class LegalModel(MarketplaceApi api) : PageModel
{
    public static IReadOnlyList<string> Pages { get; } = ["notice", "terms", "privacy"];

    public Cooperative Cooperative { get; private set; } = null!;

    public string Name { get; private set; } = "";

    /// <summary>The text's paragraphs, each a list of lines; empty when the page is not written yet.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Paragraphs { get; private set; } = [];

    /// <summary>The language the text is written in (fr or en); the other one than the page's when it exists only there.</summary>
    public string? TextLanguage { get; private set; }

    public bool InOtherLanguage { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string coop, string name, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(coop, out var tenant) || await api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Cooperative = cooperative;
        Name = name;
        var language = Cultures.Language(CultureInfo.CurrentUICulture);
        if (await api.GetLegalPageAsync(tenant, name, cancellationToken) is not { } written)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var (own, other) = language == "fr" ? (written.Text.Fr, written.Text.En) : (written.Text.En, written.Text.Fr);
        InOtherLanguage = own is null && other is not null;
        TextLanguage = InOtherLanguage ? (language == "fr" ? "en" : "fr") : language;
        Paragraphs = Split(own ?? other ?? "");
        UpdatedAt = written.UpdatedAt;
        return Page();
    }

    /// <summary>Paragraphs at blank lines, lines within them at single line breaks.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Split(string text) =>
        [.. BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
            .Where(paragraph => paragraph.Trim().Length > 0)
            .Select(paragraph => (IReadOnlyList<string>)[.. paragraph.Trim().Split('\n').Select(line => line.TrimEnd())])];

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();
}
