namespace Marketplace.Governance.Statutes;

/// <summary>The statutes in force, with their version (0: the default no one set) and who set them or which vote adopted them.</summary>
public sealed record StatutesView(
    int Version, IReadOnlyList<College> Colleges, int QuorumPercent, Majorities Majorities, bool AbstentionsCountAgainst, int VotingDays, int MaxProxies, bool SecretBallot,
    Guid? SetBy, Guid? ProposalId, DateTimeOffset? At)
{
    public static StatutesView Of(StatutesVersion version) => new(
        version.Version, version.Terms.Colleges, version.Terms.QuorumPercent, version.Terms.Majorities, version.Terms.AbstentionsCountAgainst,
        version.Terms.VotingDays, version.Terms.MaxProxies, version.Terms.SecretBallot, version.SetBy, version.ProposalId, version.At);
}
