using System.Security.Cryptography;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Governance.Statutes;
using Marketplace.Governance.Statutes.Setting;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Proposals.Opening;

public sealed record FeeChangeRequest(int? FeeRate, DateTimeOffset? EffectiveSince);

public sealed record AdmissionRequest(Guid? AccountId, string? Name, string? College);

/// <summary>
/// POST /governance/proposals: a proposal of one kind with the part of that kind (feeChange, admission or statutes; a
/// motion has none). Id is the caller's, so a request repeated after a lost answer finds its proposal instead of opening
/// a second one.
/// </summary>
public sealed record OpenProposalRequest(Guid? Id, string? Kind, string? Title, string? Text, FeeChangeRequest? FeeChange, AdmissionRequest? Admission, StatutesRequest? Statutes)
{
    public ProposalDraft ToDraft() => new(
        Kind!, Title!.Trim(), Text?.Trim() ?? "",
        FeeChange is { } fee ? new FeeChange(fee.FeeRate!.Value, fee.EffectiveSince!.Value) : null,
        Admission is { } admission ? new Admission(admission.AccountId!.Value, admission.Name!.Trim(), admission.College!) : null,
        Statutes?.ToTerms());
}

internal sealed class OpenProposalRequestValidator : AbstractValidator<OpenProposalRequest>
{
    public OpenProposalRequestValidator()
    {
        RuleFor(r => r.Id).NotEqual(Guid.Empty).OverridePropertyName("id");
        RuleFor(r => r.Kind).NotEmpty().OverridePropertyName("kind");
        RuleFor(r => r.Kind).Must(ProposalKinds.All.Contains).When(r => !string.IsNullOrEmpty(r.Kind)).OverridePropertyName("kind")
            .WithMessage("A proposal is a feeChange, an admission, a statutes change or a motion.").WithErrorCode("proposal.kind");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title");
        RuleFor(r => r.Text).MaximumLength(10_000).OverridePropertyName("text");
        When(r => r.Kind == ProposalKinds.FeeChange, () =>
        {
            RuleFor(r => r.FeeChange).NotNull().OverridePropertyName("feeChange");
            RuleFor(r => r.FeeChange!.FeeRate).NotNull().InclusiveBetween(0, 10_000).When(r => r.FeeChange is not null).OverridePropertyName("feeChange.feeRate");
            RuleFor(r => r.FeeChange!.EffectiveSince).NotNull().When(r => r.FeeChange is not null).OverridePropertyName("feeChange.effectiveSince");
        });
        When(r => r.Kind == ProposalKinds.Admission, () =>
        {
            RuleFor(r => r.Admission).NotNull().OverridePropertyName("admission");
            RuleFor(r => r.Admission!.AccountId).NotNull().NotEqual(Guid.Empty).When(r => r.Admission is not null).OverridePropertyName("admission.accountId");
            RuleFor(r => r.Admission!.Name).NotEmpty().MaximumLength(120).When(r => r.Admission is not null).OverridePropertyName("admission.name");
            RuleFor(r => r.Admission!.College).NotEmpty().MaximumLength(40).When(r => r.Admission is not null).OverridePropertyName("admission.college");
        });
        When(r => r.Kind == ProposalKinds.Statutes, () =>
        {
            RuleFor(r => r.Statutes).NotNull().OverridePropertyName("statutes");
            RuleFor(r => r.Statutes!).SetValidator(new StatutesRequestValidator()).When(r => r.Statutes is not null).OverridePropertyName("statutes");
        });
    }
}

internal static class OpenProposalEndpoint
{
    public static void MapOpenProposal(this RouteGroupBuilder group) =>
        group.MapPost("/proposals", async Task<IResult> (
                TenantId coop, OpenProposalRequest request, HttpContext http, CooperativeSessions sessions, GovernanceDesk desk, CancellationToken cancellationToken) =>
            {
                var id = request.Id ?? Guid.NewGuid();
                var draft = request.ToDraft();
                var admin = GovernanceAccess.AccountOf(http.User);
                var now = desk.Clock.GetUtcNow();
                var decided = await ConcurrencyRetry.RetryAsync(coop.Value, id, async () =>
                {
                    await using var session = sessions.OpenSession(coop);
                    var stream = await session.Events.FetchForWriting<Proposal>(id, cancellationToken);
                    if (stream.Aggregate is { } existing)
                    {
                        return new Decided<Proposal>(existing);
                    }

                    var statutes = StatutesHistory.Current(await session.LoadAsync<StatutesHistory>(StatutesHistory.StreamId, cancellationToken));
                    var members = await session.Query<Member>().ToListAsync(cancellationToken);
                    var admitted = draft.Admission is { } a ? members.FirstOrDefault(m => m.Id == a.AccountId) : null;
                    var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                    var decision = ProposalRules.Open(id, draft, statutes, members, admitted, admin, now, salt);
                    if (decision.IsRefused)
                    {
                        return new Decided<Proposal>(null, decision.Refusal);
                    }

                    var opened = EventSourced.Fold<Proposal>(null, decision.Events)!;
                    stream.AppendMany(decision.Events);
                    desk.Opened(session, coop, opened);
                    await session.SaveChangesAsync(cancellationToken);
                    return new Decided<Proposal>(opened);
                }, cancellationToken);
                return decided switch
                {
                    { Refusal: { } code } => ProposalProblems.Refused(code),
                    { State: { } p } when p.Opened.OpenedAt != now => TypedResults.Ok(ProposalView.Of(p, admin, now)),
                    { State: { } p } => TypedResults.Created($"/api/coops/{coop}/governance/proposals/{p.Id}", ProposalView.Of(p, admin, now)),
                    _ => throw new InvalidOperationException("Opening a proposal either refuses or gives it."),
                };
            })
            .Validate<OpenProposalRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("OpenProposal")
            .WithSummary("Open a proposal to the members' vote (the cooperative's admins): a fee change, an admission, new statutes or a motion. It closes after the statutes' voting window.")
            .Produces<ProposalView>(StatusCodes.Status201Created)
            .Produces<ProposalView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
