using Marketplace.Hosting;

namespace Marketplace.Platform.Cooperatives;

/// <summary>
/// One of the pages a cooperative's admins write for its public site (ADR 47): its legal notice (mentions légales),
/// its terms of sale and its privacy notice, each in French, English or both, as plain text (paragraphs split by
/// blank lines; the web app encodes it, never renders it as HTML). Id = "{slug}:{page}".
/// </summary>
public sealed record CooperativeLegalPage
{
    public required string Id { get; init; }
    public required string Cooperative { get; init; }
    public required string Page { get; init; }
    public string? Fr { get; init; }
    public string? En { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static string IdFor(string cooperative, string page) => $"{cooperative}:{page}";
}

public static class LegalPages
{
    /// <summary>The longest text of one page in one language, in characters.</summary>
    public const int MaxLength = 20_000;

    /// <summary>The pages a cooperative may write: its legal notice, its terms of sale, its privacy notice.</summary>
    public static IReadOnlyList<string> Names { get; } = ["notice", "terms", "privacy"];

    public static bool IsKnown(string page) => Names.Contains(page, StringComparer.Ordinal);

    public static IResult UnknownPage() =>
        CodedProblems.Refused("legal.unknown_page", StatusCodes.Status404NotFound, "No such legal page: the pages are notice, terms and privacy.");

    public static IResult NoCooperative() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
}

/// <summary>A legal page's text in each language; null where it is not written in that language.</summary>
public sealed record LegalPageText(string? Fr, string? En);

public sealed record LegalPageResponse(string Page, LegalPageText Text, DateTimeOffset UpdatedAt)
{
    public static LegalPageResponse From(CooperativeLegalPage page) => new(page.Page, new LegalPageText(page.Fr, page.En), page.UpdatedAt);
}
