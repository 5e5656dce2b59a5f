using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Hosting;

namespace Marketplace.Governance.Proposals.Voting;

/// <summary>POST .../ballots: the caller's vote, or (onBehalfOf) the vote of a member whose proxy they hold. Cast again to change it, until the close.</summary>
public sealed record CastBallotRequest(string? Choice, Guid? OnBehalfOf);

internal sealed class CastBallotRequestValidator : AbstractValidator<CastBallotRequest>
{
    public CastBallotRequestValidator()
    {
        RuleFor(r => r.Choice).NotEmpty().OverridePropertyName("choice");
        RuleFor(r => r.Choice).Must(Choices.All.Contains).When(r => !string.IsNullOrEmpty(r.Choice)).OverridePropertyName("choice")
            .WithMessage("A vote is for, against or abstain.").WithErrorCode("ballot.choice");
        RuleFor(r => r.OnBehalfOf).NotEqual(Guid.Empty).OverridePropertyName("onBehalfOf");
    }
}

internal static class CastBallotEndpoint
{
    public static void MapCastBallot(this RouteGroupBuilder group) =>
        group.MapPost("/proposals/{proposal:guid}/ballots", async Task<IResult> (TenantId coop, Guid proposal, CastBallotRequest request, HttpContext http, GovernanceDesk desk, CancellationToken cancellationToken) =>
            {
                var caller = GovernanceAccess.AccountOf(http.User);
                var now = desk.Clock.GetUtcNow();
                var decided = await desk.DecideAsync(coop, proposal, p => ProposalRules.Cast(p, request.OnBehalfOf ?? caller, caller, request.Choice!, now), cancellationToken);
                return decided switch
                {
                    { State: null } => ProposalProblems.NoSuchProposal(),
                    { Refusal: { } code } => ProposalProblems.Refused(code),
                    { State: { } p } => TypedResults.Ok(ProposalView.Of(p, caller, now)),
                };
            })
            .Validate<CastBallotRequest>()
            .RequireGovernanceMember()
            .WithName("CastBallot")
            .WithSummary("Vote for, against or abstain (a member called to vote), or vote with a proxy held (onBehalfOf); voting again replaces the vote until the close.")
            .Produces<ProposalView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
