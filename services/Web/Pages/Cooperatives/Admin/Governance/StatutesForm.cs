using Marketplace.Web.Api.Governance;

namespace Marketplace.Web.Pages.Cooperatives.Admin.Governance;

/// <summary>
/// Statutes as the admin's form holds them (the statutes page, and a proposal of new statutes): the colleges in force
/// and a few empty rows to add one (no script: a row left empty is no college), the rules as numbers and choices. Its
/// shape mirrors the API's, so the API's field errors ("statutes.quorumPercent") land on their fields.
/// </summary>
public sealed class StatutesForm
{
    /// <summary>Empty college rows offered after the existing ones.</summary>
    public const int SpareColleges = 2;

    public List<CollegeRow> Colleges { get; set; } = [];

    public int? QuorumPercent { get; set; }

    public MajoritiesForm Majorities { get; set; } = new();

    public bool AbstentionsCountAgainst { get; set; }

    public int? VotingDays { get; set; }

    public int? MaxProxies { get; set; }

    public bool SecretBallot { get; set; }

    public static IReadOnlyList<string> MajorityKinds { get; } = ["simple", "twoThirds"];

    private static readonly string[] CollegeFields = ["Key", "NameFr", "NameEn", "Weight"];

    public static StatutesForm Of(IReadOnlyList<College> colleges, int quorum, Majorities majorities, bool abstentionsCountAgainst, int votingDays, int maxProxies, bool secretBallot) => new()
    {
        Colleges = [.. colleges.Select(c => new CollegeRow { Key = c.Key, NameFr = c.NameFr, NameEn = c.NameEn, Weight = c.Weight }), .. Enumerable.Range(0, SpareColleges).Select(_ => new CollegeRow())],
        QuorumPercent = quorum,
        Majorities = new MajoritiesForm { FeeChange = majorities.FeeChange, Admission = majorities.Admission, Statutes = majorities.Statutes, Motion = majorities.Motion },
        AbstentionsCountAgainst = abstentionsCountAgainst,
        VotingDays = votingDays,
        MaxProxies = maxProxies,
        SecretBallot = secretBallot,
    };

    /// <summary>The rows the admin filled in (an entirely empty row is none).</summary>
    public IEnumerable<(int Index, CollegeRow Row)> Filled() =>
        Colleges.Select((row, index) => (index, row)).Where(c => !c.row.IsEmpty);

    /// <summary>What the API gets; call once the numbers are known to be there (<see cref="Missing"/>).</summary>
    public StatutesDraft ToDraft() => new(
        [.. Filled().Select(c => new College(c.Row.Key?.Trim() ?? "", c.Row.NameFr?.Trim() ?? "", c.Row.NameEn?.Trim() ?? "", c.Row.Weight ?? 0))],
        QuorumPercent ?? 0,
        new Majorities(Majorities.FeeChange, Majorities.Admission, Majorities.Statutes, Majorities.Motion),
        AbstentionsCountAgainst,
        VotingDays ?? 0,
        MaxProxies ?? 0,
        SecretBallot);

    /// <summary>The fields left empty that the statutes need, by their name in the form (under <paramref name="prefix"/>).</summary>
    public IEnumerable<string> Missing(string prefix)
    {
        foreach (var (index, row) in Filled())
        {
            if (string.IsNullOrWhiteSpace(row.Key))
            {
                yield return $"{prefix}.Colleges[{index}].Key";
            }

            if (string.IsNullOrWhiteSpace(row.NameFr))
            {
                yield return $"{prefix}.Colleges[{index}].NameFr";
            }

            if (string.IsNullOrWhiteSpace(row.NameEn))
            {
                yield return $"{prefix}.Colleges[{index}].NameEn";
            }

            if (row.Weight is null)
            {
                yield return $"{prefix}.Colleges[{index}].Weight";
            }
        }

        if (QuorumPercent is null)
        {
            yield return $"{prefix}.QuorumPercent";
        }

        if (VotingDays is null)
        {
            yield return $"{prefix}.VotingDays";
        }

        if (MaxProxies is null)
        {
            yield return $"{prefix}.MaxProxies";
        }
    }

    /// <summary>Every field of the form by its name under <paramref name="prefix"/>, to put the API's errors on.</summary>
    public IEnumerable<string> Fields(string prefix) =>
        Enumerable.Range(0, Colleges.Count).SelectMany(i => CollegeFields.Select(f => $"{prefix}.Colleges[{i}].{f}"))
            .Concat([$"{prefix}.Colleges", $"{prefix}.QuorumPercent", $"{prefix}.Majorities.FeeChange", $"{prefix}.Majorities.Admission", $"{prefix}.Majorities.Statutes",
                $"{prefix}.Majorities.Motion", $"{prefix}.AbstentionsCountAgainst", $"{prefix}.VotingDays", $"{prefix}.MaxProxies", $"{prefix}.SecretBallot"]);
}

public sealed class CollegeRow
{
    public string? Key { get; set; }

    public string? NameFr { get; set; }

    public string? NameEn { get; set; }

    public int? Weight { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(NameFr) && string.IsNullOrWhiteSpace(NameEn) && Weight is null;
}

public sealed class MajoritiesForm
{
    public string FeeChange { get; set; } = "simple";

    public string Admission { get; set; } = "simple";

    public string Statutes { get; set; } = "twoThirds";

    public string Motion { get; set; } = "simple";
}
