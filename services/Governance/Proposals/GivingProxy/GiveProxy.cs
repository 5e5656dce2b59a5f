using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Hosting;

namespace Marketplace.Governance.Proposals.GivingProxy;

/// <summary>PUT .../proxy: the member of the caller's college who will vote for them on this proposal.</summary>
public sealed record GiveProxyRequest(Guid? Holder);

internal sealed class GiveProxyRequestValidator : AbstractValidator<GiveProxyRequest>
{
    public GiveProxyRequestValidator() => RuleFor(r => r.Holder).NotNull().NotEqual(Guid.Empty).OverridePropertyName("holder");
}

internal static class GiveProxyEndpoint
{
    public static void MapGiveProxy(this RouteGroupBuilder group) =>
        group.MapPut("/proposals/{proposal:guid}/proxy", async Task<IResult> (TenantId coop, Guid proposal, GiveProxyRequest request, HttpContext http, GovernanceDesk desk, CancellationToken cancellationToken) =>
            {
                var caller = GovernanceAccess.AccountOf(http.User);
                var now = desk.Clock.GetUtcNow();
                return Answer(await desk.DecideAsync(coop, proposal, p => ProposalRules.GiveProxy(p, caller, request.Holder!.Value, now), cancellationToken), caller, now);
            })
            .Validate<GiveProxyRequest>()
            .RequireGovernanceMember()
            .WithName("GiveProxy")
            .WithSummary("Give one's vote on this proposal to another member of one's college (up to the proxies the statutes allow them); giving it to the same member again changes nothing.")
            .Produces<ProposalView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static IResult Answer(Marketplace.ServiceDefaults.EventSourcing.Decided<Proposal> decided, Guid caller, DateTimeOffset now) => decided switch
    {
        { State: null } => ProposalProblems.NoSuchProposal(),
        { Refusal: { } code } => ProposalProblems.Refused(code),
        { State: { } p } => TypedResults.Ok(ProposalView.Of(p, caller, now)),
    };
}
