using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Statutes.Setting;

/// <summary>New statutes. Every member is required, so a forgotten one never means 0.</summary>
public sealed record StatutesRequest(
    IReadOnlyList<College>? Colleges, int? QuorumPercent, Majorities? Majorities, bool? AbstentionsCountAgainst, int? VotingDays, int? MaxProxies, bool? SecretBallot)
{
    public StatuteTerms ToTerms() => new(Colleges!, QuorumPercent!.Value, Majorities!, AbstentionsCountAgainst!.Value, VotingDays!.Value, MaxProxies!.Value, SecretBallot!.Value);
}

/// <summary>PUT /governance/statutes: the statutes with the version read (GET's "version").</summary>
public sealed record SetStatutesRequest(int? ExpectedVersion, StatutesRequest? Statutes);

internal sealed partial class StatutesRequestValidator : AbstractValidator<StatutesRequest>
{
    public StatutesRequestValidator()
    {
        RuleFor(r => r.Colleges).NotEmpty().OverridePropertyName("colleges");
        RuleFor(r => r.Colleges!.Count).LessThanOrEqualTo(StatuteTerms.MaxColleges).When(r => r.Colleges is not null).OverridePropertyName("colleges");
        RuleForEach(r => r.Colleges).ChildRules(college =>
        {
            college.RuleFor(c => c.Key).NotEmpty().MaximumLength(40).Matches(Key()).WithMessage("A college's key is lower-case letters, digits and dashes.").WithErrorCode("statutes.college_key");
            college.RuleFor(c => c.NameFr).NotEmpty().MaximumLength(80);
            college.RuleFor(c => c.NameEn).NotEmpty().MaximumLength(80);
            college.RuleFor(c => c.Weight).InclusiveBetween(1, 100);
        }).OverridePropertyName("colleges");
        RuleFor(r => r.Colleges).Must(c => c!.Sum(college => college.Weight) == 100).When(r => r.Colleges is { Count: > 0 } c && c.All(college => college is not null))
            .OverridePropertyName("colleges").WithMessage("The colleges' weights add up to 100.").WithErrorCode("statutes.weights");
        RuleFor(r => r.Colleges).Must(c => c!.Select(college => college.Key).Distinct().Count() == c!.Count).When(r => r.Colleges is { Count: > 0 } c && c.All(college => college is not null))
            .OverridePropertyName("colleges").WithMessage("Each college has a key of its own.").WithErrorCode("statutes.college_twice");
        RuleFor(r => r.QuorumPercent).NotNull().InclusiveBetween(0, 100).OverridePropertyName("quorumPercent");
        RuleFor(r => r.Majorities).NotNull().OverridePropertyName("majorities");
        RuleFor(r => r.Majorities!).ChildRules(m =>
        {
            m.RuleFor(x => x.FeeChange).Must(MajorityKinds.All.Contains).OverridePropertyName("feeChange").WithMessage("A majority is simple or twoThirds.").WithErrorCode("statutes.majority");
            m.RuleFor(x => x.Admission).Must(MajorityKinds.All.Contains).OverridePropertyName("admission").WithMessage("A majority is simple or twoThirds.").WithErrorCode("statutes.majority");
            m.RuleFor(x => x.Statutes).Must(MajorityKinds.All.Contains).OverridePropertyName("statutes").WithMessage("A majority is simple or twoThirds.").WithErrorCode("statutes.majority");
            m.RuleFor(x => x.Motion).Must(MajorityKinds.All.Contains).OverridePropertyName("motion").WithMessage("A majority is simple or twoThirds.").WithErrorCode("statutes.majority");
        }).When(r => r.Majorities is not null).OverridePropertyName("majorities");
        RuleFor(r => r.AbstentionsCountAgainst).NotNull().OverridePropertyName("abstentionsCountAgainst");
        RuleFor(r => r.VotingDays).NotNull().InclusiveBetween(1, StatuteTerms.MaxVotingDays).OverridePropertyName("votingDays");
        RuleFor(r => r.MaxProxies).NotNull().InclusiveBetween(0, StatuteTerms.MaxProxiesAllowed).OverridePropertyName("maxProxies");
        RuleFor(r => r.SecretBallot).NotNull().OverridePropertyName("secretBallot");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]+$")]
    private static partial System.Text.RegularExpressions.Regex Key();
}

internal sealed class SetStatutesRequestValidator : AbstractValidator<SetStatutesRequest>
{
    public SetStatutesRequestValidator()
    {
        RuleFor(r => r.ExpectedVersion).NotNull().GreaterThanOrEqualTo(0).OverridePropertyName("expectedVersion");
        RuleFor(r => r.Statutes).NotNull().OverridePropertyName("statutes");
        RuleFor(r => r.Statutes!).SetValidator(new StatutesRequestValidator()).When(r => r.Statutes is not null).OverridePropertyName("statutes");
    }
}

internal static class SetStatutesEndpoint
{
    public static void MapSetStatutes(this RouteGroupBuilder group) =>
        group.MapPut("/statutes", async Task<IResult> (TenantId coop, SetStatutesRequest request, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var admin = GovernanceAccess.AccountOf(http.User);
                IReadOnlyList<string> inUse;
                await using (var query = sessions.QuerySession(coop))
                {
                    inUse = await query.Query<Member>().Select(m => m.College).Distinct().ToListAsync(cancellationToken);
                }

                var decided = await sessions.DecideOrStartAsync<StatutesHistory>(
                    coop,
                    StatutesHistory.StreamId,
                    history => StatutesRules.Set(history, request.ExpectedVersion!.Value, request.Statutes!.ToTerms(), inUse, admin, clock.GetUtcNow()),
                    cancellationToken);
                return decided.Refusal switch
                {
                    StatutesRefusals.VersionConflict => CodedProblems.Field("expectedVersion", StatutesRefusals.VersionConflict, "The statutes changed since you read them.", StatusCodes.Status409Conflict),
                    StatutesRefusals.CollegeInUse => CodedProblems.Field("statutes.colleges", StatutesRefusals.CollegeInUse, "A college that has members cannot be removed.", StatusCodes.Status409Conflict),
                    _ => TypedResults.Ok(StatutesView.Of(StatutesHistory.Current(decided.State))),
                };
            })
            .Validate<SetStatutesRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("SetStatutes")
            .WithSummary("Set the statutes (the cooperative's admins), with the version read as expectedVersion; proposals already open keep the statutes they opened under.")
            .Produces<StatutesView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
