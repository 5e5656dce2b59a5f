using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Governance;

/// <summary>
/// One proposal as a member sees it: what it proposes, until when, how many took part; their own vote (for, against,
/// abstain, changeable until the close), the proxy they give to a member of their college or withdraw, the proxies they
/// hold and vote with; once closed, the result with its figures per college (and who voted what when the ballot is public).
/// </summary>
public sealed class ProposalModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : CooperativePage(api, session, texts)
{
    public Proposal? Proposal { get; private set; }

    /// <summary>The cooperative's members today, to name proxies' holders and offer them.</summary>
    public IReadOnlyList<GovernanceMember> Members { get; private set; } = [];

    /// <summary>The statutes in force, whose college names the page shows (a proposal's rules carry their own).</summary>
    public Statutes? Statutes { get; private set; }

    public Guid Id { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public Guid? OnBehalfOf { get; set; }

    [BindProperty]
    public Guid? Holder { get; set; }

    public IReadOnlyList<string> Choices { get; } = ["for", "against", "abstain"];

    public bool IsOpen => Proposal?.Status == "open";

    /// <summary>
    /// The members of the caller's college they may give their proxy to: those called to vote on this proposal, i.e.
    /// admitted by its opening (the proposal does not list its electorate; a member's college never changes).
    /// </summary>
    public IEnumerable<GovernanceMember> ProxyCandidates(MyPart me, Guid caller) =>
        Members.Where(m => m.College == me.College && m.AccountId != caller && m.AdmittedAt <= Proposal!.OpenedAt);

    public Guid Caller => Guid.TryParse(User.FindFirst("sub")?.Value, out var id) ? id : Guid.Empty;

    public async Task<IActionResult> OnGetAsync(string coop, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(coop, id, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostVoteAsync(string coop, Guid id, CancellationToken cancellationToken) =>
        ActAsync(coop, id, proposal => Api.CastBallotAsync(Token, Tenant, id, new BallotChoice(Choice ?? "", OnBehalfOf), cancellationToken), () =>
            OnBehalfOf is { } voter
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Governance.VotedFor"], ChoiceText(Choice), NameOf(voter))
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Governance.Voted"], ChoiceText(Choice)), cancellationToken);

    public Task<IActionResult> OnPostProxyAsync(string coop, Guid id, CancellationToken cancellationToken)
    {
        if (Holder is not { } holder)
        {
            return ActAsync(coop, id, null, () => "", cancellationToken);
        }

        return ActAsync(coop, id, proposal => Api.GiveProxyAsync(Token, Tenant, id, new ProxyHolder(holder), cancellationToken), () =>
            string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Governance.ProxyGiven"], NameOf(holder)), cancellationToken);
    }

    public Task<IActionResult> OnPostWithdrawProxyAsync(string coop, Guid id, CancellationToken cancellationToken) =>
        ActAsync(coop, id, proposal => Api.WithdrawProxyAsync(Token, Tenant, id, cancellationToken), () => Texts["Governance.ProxyWithdrawn"], cancellationToken);

    public string ChoiceText(string? choice) => choice is null ? "" : Texts[$"Governance.Choice.{choice}"] is { ResourceNotFound: false } known ? known : choice;

    public string Kind(string kind) => Texts[$"Governance.Kind.{kind}"] is { ResourceNotFound: false } known ? known : kind;

    public string Status(string status) => Texts[$"Governance.Status.{status}"] is { ResourceNotFound: false } known ? known : status;

    public string Majority(string majority) => Texts[$"Governance.Majority.{majority}"] is { ResourceNotFound: false } known ? known : majority;

    /// <summary>A college's name: from the proposal's own rules first (the college may be gone from today's statutes).</summary>
    public string College(string key) =>
        GovernanceText.CollegeName([.. Proposal?.Rules.Colleges ?? [], .. Statutes?.Colleges ?? []], key);

    public string NameOf(Guid account) => Members.FirstOrDefault(m => m.AccountId == account)?.Name
        ?? Proposal?.Me?.ProxiesHeld.FirstOrDefault(p => p.AccountId == account)?.Name
        ?? account.ToString();

    /// <summary>A vote or a proxy: on success the page again with what was done; a refusal shown on the page in the user's language.</summary>
    private async Task<IActionResult> ActAsync(string coop, Guid id, Func<Proposal, Task<ApiResult<Proposal>>>? act, Func<string> done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, id, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (act is null)
        {
            ModelState.AddModelError(nameof(Holder), Texts["Governance.HolderRequired"]);
            return Page();
        }

        var result = await act(Proposal!);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Holder));
            Proposal = (await Api.GetProposalAsync(Token, Tenant, id, cancellationToken)).Value ?? Proposal;
            return Page();
        }

        Saved = done();
        return Redirect(WebAddresses.Cooperative(Slug, $"governance/proposals/{id}"));
    }

    private async Task<IActionResult?> LoadAsync(string coop, Guid id, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        Id = id;
        var proposal = await Api.GetProposalAsync(Token, Tenant, id, cancellationToken);
        if (Refused(proposal) is { } refused)
        {
            return refused;
        }

        Proposal = proposal.Succeeded ? proposal.Value : throw new HttpRequestException($"The proposal answered {proposal.Status}.", null, proposal.Status);
        var members = await Api.ListGovernanceMembersAsync(Token, Tenant, cancellationToken);
        Members = members.Succeeded ? members.Value ?? [] : throw new HttpRequestException($"The members answered {members.Status}.", null, members.Status);
        var statutes = await Api.GetStatutesAsync(Token, Tenant, cancellationToken);
        Statutes = statutes.Succeeded ? statutes.Value : throw new HttpRequestException($"The statutes answered {statutes.Status}.", null, statutes.Status);
        return null;
    }
}
