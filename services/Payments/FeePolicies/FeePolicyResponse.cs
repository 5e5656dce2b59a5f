using System.Security.Claims;
using Marketplace.Hosting;

namespace Marketplace.Payments.FeePolicies;

/// <summary>
/// One version of the fee policy. FeeRate and FeeVatRate in basis points (500 = 5 %); EffectiveSince null for version 0,
/// the default every cooperative has from its start; SetBy is the admin's account, ProposalId the members' vote that adopted it (both null for the default).
/// </summary>
public sealed record FeePolicyVersionResponse(
    int Version,
    DateTimeOffset? EffectiveSince,
    int FeeRate,
    string FeeBase,
    int FeeVatRate,
    string StripeRefundFeeBorneBy,
    Guid? SetBy,
    Guid? ProposalId)
{
    public static FeePolicyVersionResponse Of(FeePolicyVersion version) => new(
        version.Version,
        version.Version == 0 ? null : version.EffectiveSince,
        version.Terms.FeeRate,
        version.Terms.FeeBase,
        version.Terms.FeeVatRate,
        version.Terms.StripeRefundFeeBorneBy,
        version.SetBy,
        version.ProposalId);
}

/// <summary>
/// The cooperative's fee policy: the version in force now (its number is the expectedVersion of the next change), and
/// every version, oldest first, version 0 included.
/// </summary>
public sealed record FeePolicyResponse(
    int Version,
    DateTimeOffset? EffectiveSince,
    int FeeRate,
    string FeeBase,
    int FeeVatRate,
    string StripeRefundFeeBorneBy,
    IReadOnlyList<FeePolicyVersionResponse> History)
{
    public static FeePolicyResponse Of(FeePolicyHistory? history)
    {
        var versions = FeePolicyHistory.Of(history).Select(FeePolicyVersionResponse.Of).ToList();
        var current = versions[^1];
        return new FeePolicyResponse(current.Version, current.EffectiveSince, current.FeeRate, current.FeeBase, current.FeeVatRate, current.StripeRefundFeeBorneBy, versions);
    }
}

internal static class Admin
{
    /// <summary>The signed-in account (the token's subject): who set the policy.</summary>
    public static Guid Of(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : throw new InvalidOperationException("A signed-in caller always has a subject.");
}

internal static class FeePolicyProblems
{
    public static IResult Refused(string code) => code switch
    {
        FeePolicyRefusals.VersionConflict => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "The fee policy changed since you read it.",
            "Read the fee policy again, then send its current version as expectedVersion."),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A refusal without a problem to answer it."),
    };
}
