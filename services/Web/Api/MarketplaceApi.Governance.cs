using Marketplace.Contracts;
using Marketplace.Web.Api.Governance;

namespace Marketplace.Web.Api;

/// <summary>The cooperative's governance: its statutes, its members by college, its proposals and their votes.</summary>
public sealed partial class MarketplaceApi
{
    public Task<ApiResult<Statutes>> GetStatutesAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<Statutes>(HttpMethod.Get, $"/api/coops/{coop}/governance/statutes", null, accessToken, cancellationToken);

    /// <summary>400 field by field; 409 statutes.version_conflict (changed since read) or statutes.college_in_use (a college with members removed).</summary>
    public Task<ApiResult<Statutes>> SetStatutesAsync(string accessToken, TenantId coop, NewStatutes statutes, CancellationToken cancellationToken) =>
        SendAsync<Statutes>(HttpMethod.Put, $"/api/coops/{coop}/governance/statutes", statutes, accessToken, cancellationToken);

    public Task<ApiResult<List<GovernanceMember>>> ListGovernanceMembersAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<GovernanceMember>>(HttpMethod.Get, $"/api/coops/{coop}/governance/members", null, accessToken, cancellationToken);

    /// <summary>The caller's membership: 404 governance.not_a_member when they are none.</summary>
    public Task<ApiResult<GovernanceMember>> GetMyGovernanceMembershipAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<GovernanceMember>(HttpMethod.Get, $"/api/coops/{coop}/governance/members/me", null, accessToken, cancellationToken);

    public Task<ApiResult<GovernanceMember>> AdmitGovernanceMemberAsync(string accessToken, TenantId coop, NewGovernanceMember member, CancellationToken cancellationToken) =>
        SendAsync<GovernanceMember>(HttpMethod.Post, $"/api/coops/{coop}/governance/members", member, accessToken, cancellationToken);

    public Task<ApiResult<List<ProposalSummary>>> ListProposalsAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<List<ProposalSummary>>(HttpMethod.Get, $"/api/coops/{coop}/governance/proposals", null, accessToken, cancellationToken);

    public Task<ApiResult<Proposal>> OpenProposalAsync(string accessToken, TenantId coop, NewProposal proposal, CancellationToken cancellationToken) =>
        SendAsync<Proposal>(HttpMethod.Post, $"/api/coops/{coop}/governance/proposals", proposal, accessToken, cancellationToken);

    public Task<ApiResult<Proposal>> GetProposalAsync(string accessToken, TenantId coop, Guid proposal, CancellationToken cancellationToken) =>
        SendAsync<Proposal>(HttpMethod.Get, $"/api/coops/{coop}/governance/proposals/{proposal}", null, accessToken, cancellationToken);

    public Task<ApiResult<Proposal>> CastBallotAsync(string accessToken, TenantId coop, Guid proposal, BallotChoice ballot, CancellationToken cancellationToken) =>
        SendAsync<Proposal>(HttpMethod.Post, $"/api/coops/{coop}/governance/proposals/{proposal}/ballots", ballot, accessToken, cancellationToken);

    public Task<ApiResult<Proposal>> GiveProxyAsync(string accessToken, TenantId coop, Guid proposal, ProxyHolder holder, CancellationToken cancellationToken) =>
        SendAsync<Proposal>(HttpMethod.Put, $"/api/coops/{coop}/governance/proposals/{proposal}/proxy", holder, accessToken, cancellationToken);

    public Task<ApiResult<Proposal>> WithdrawProxyAsync(string accessToken, TenantId coop, Guid proposal, CancellationToken cancellationToken) =>
        SendAsync<Proposal>(HttpMethod.Delete, $"/api/coops/{coop}/governance/proposals/{proposal}/proxy", null, accessToken, cancellationToken);

    public Task<ApiResult<ProposalRecord>> GetProposalRecordAsync(string accessToken, TenantId coop, Guid proposal, CancellationToken cancellationToken) =>
        SendAsync<ProposalRecord>(HttpMethod.Get, $"/api/coops/{coop}/governance/proposals/{proposal}/record", null, accessToken, cancellationToken);

    public Task<ApiResult<ProposalVerification>> VerifyProposalAsync(string accessToken, TenantId coop, Guid proposal, CancellationToken cancellationToken) =>
        SendAsync<ProposalVerification>(HttpMethod.Get, $"/api/coops/{coop}/governance/proposals/{proposal}/verification", null, accessToken, cancellationToken);
}
