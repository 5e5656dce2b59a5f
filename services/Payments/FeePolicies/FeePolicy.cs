using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Payments.FeePolicies;

/// <summary>What the fee is computed on: the sub-order's subtotal with its VAT, or without it.</summary>
public static class FeeBases
{
    public const string IncludingVat = "includingVat";
    public const string ExcludingVat = "excludingVat";

    public static IReadOnlyList<string> All { get; } = [IncludingVat, ExcludingVat];
}

/// <summary>Who bears the fee Stripe keeps when a payment is refunded: the cooperative, or the shop whose sale it was.</summary>
public static class StripeRefundFeeBearers
{
    public const string Cooperative = "cooperative";
    public const string Shop = "shop";

    public static IReadOnlyList<string> All { get; } = [Cooperative, Shop];
}

/// <summary>
/// The terms of one version of the fee policy. FeeRate and FeeVatRate are basis points (500 = 5 %). The fee is what
/// the shop pays the cooperative, VAT included: FeeRate of the base (FeeBase), of which the VAT at FeeVatRate is the
/// part the cooperative owes the State (ADR 31).
/// </summary>
public sealed record FeeTerms(int FeeRate, string FeeBase, int FeeVatRate, string StripeRefundFeeBorneBy)
{
    public const int MaxBasisPoints = 10_000;

    /// <summary>Every cooperative's policy until its admin (later, its members' vote) sets another: 5 % of amounts without VAT, 20 % VAT, Stripe's refund fee borne by the cooperative.</summary>
    public static FeeTerms Default { get; } = new(500, FeeBases.ExcludingVat, 2_000, StripeRefundFeeBearers.Cooperative);
}

/// <summary>
/// One version of the policy: its number (0 is the default no one set), from when it applies (orders placed at or after
/// EffectiveSince, until the next version's), its terms, and who set it: an admin (SetBy), or the members' vote on the
/// proposal ProposalId (null both for the default).
/// </summary>
public sealed record FeePolicyVersion(int Version, DateTimeOffset EffectiveSince, FeeTerms Terms, Guid? SetBy, Guid? ProposalId = null)
{
    /// <summary>The implicit version 0: in force from the beginning of time until a version is set.</summary>
    public static FeePolicyVersion Default { get; } = new(0, DateTimeOffset.MinValue, FeeTerms.Default, null);
}

/// <summary>New terms, in force for orders placed from EffectiveSince: set by an admin of the cooperative (SetBy), or adopted by its members' vote (ProposalId).</summary>
public sealed record FeePolicySet(FeeTerms Terms, Guid? SetBy, DateTimeOffset EffectiveSince, Guid? ProposalId = null);

/// <summary>
/// The cooperative's fee policy: every version set, oldest first, in one stream per cooperative database (id
/// <see cref="StreamId"/>). The default (version 0) is not stored: a cooperative has it from the start, whenever
/// Payments hears of it (ADR 31).
/// </summary>
public sealed record FeePolicyHistory(Guid Id, IReadOnlyList<FeePolicyVersion> Versions) : IEventSourced<FeePolicyHistory>
{
    /// <summary>The one fee policy stream of a cooperative (each cooperative has a database of its own).</summary>
    public static readonly Guid StreamId = new("f0000000-0000-0000-0000-000000000001");

    /// <summary>Version 0 and every version set since, oldest first.</summary>
    public static IReadOnlyList<FeePolicyVersion> Of(FeePolicyHistory? history) => [FeePolicyVersion.Default, .. history?.Versions ?? []];

    public static FeePolicyHistory? Fold(FeePolicyHistory? state, object change) => change switch
    {
        FeePolicySet e => new FeePolicyHistory(
            StreamId,
            [.. state?.Versions ?? [], new FeePolicyVersion((state?.Versions.Count ?? 0) + 1, e.EffectiveSince, e.Terms, e.SetBy, e.ProposalId)]),
        _ => state,
    };
}

public static class FeePolicyRefusals
{
    /// <summary>The policy changed since the version the caller read (expectedVersion).</summary>
    public const string VersionConflict = "fee.version_conflict";
}

/// <summary>The fee policy's decisions, and which version applies to an order.</summary>
public static class FeePolicy
{
    /// <summary>
    /// The version in force at <paramref name="placedAt"/>: the last one whose EffectiveSince is at or before it (a
    /// version applies from its first instant); version 0 before any other.
    /// </summary>
    /// <param name="history">The versions oldest first, as <see cref="FeePolicyHistory.Of"/> gives them (version 0 may be left out).</param>
    public static FeePolicyVersion AtTime(IReadOnlyList<FeePolicyVersion> history, DateTimeOffset placedAt)
    {
        var inForce = FeePolicyVersion.Default;
        foreach (var version in history)
        {
            if (version.EffectiveSince <= placedAt && version.Version >= inForce.Version)
            {
                inForce = version;
            }
        }

        return inForce;
    }

    /// <summary>
    /// New terms from now on, when the caller read the version now current (else refused: another admin changed it
    /// meanwhile). The terms already in force change nothing, whatever version the caller read.
    /// </summary>
    public static Decision Set(FeePolicyHistory? history, int expectedVersion, FeeTerms terms, Guid setBy, DateTimeOffset now)
    {
        var current = FeePolicyHistory.Of(history)[^1];
        if (current.Terms == terms)
        {
            // Already so: a request repeated after its answer was lost finds its own change, not a conflict.
            return Decision.Unchanged;
        }

        return current.Version == expectedVersion
            ? Decision.To(new FeePolicySet(terms, setBy, now))
            : Decision.Refuse(FeePolicyRefusals.VersionConflict);
    }

    /// <summary>
    /// The fee rate the members adopted by <paramref name="proposal"/>, with the other terms as they stand, for orders
    /// placed from <paramref name="effectiveSince"/>. Told again (a redelivered message), it changes nothing.
    /// </summary>
    public static Decision Adopt(FeePolicyHistory? history, Guid proposal, int feeRate, DateTimeOffset effectiveSince)
    {
        var versions = FeePolicyHistory.Of(history);
        return versions.Any(v => v.ProposalId == proposal)
            ? Decision.Unchanged
            : Decision.To(new FeePolicySet(versions[^1].Terms with { FeeRate = feeRate }, null, effectiveSince, proposal));
    }
}
