using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Governance;

/// <summary>
/// A proposal's published record, for anyone with access to count the vote again: its rules, the members called per
/// college, every ballot and proxy in order (choices once closed, pseudonyms when the ballot is secret) with its link in
/// the hash chain; and the chain checked again by the service, intact or broken at a given event.
/// </summary>
public sealed class RecordModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : CooperativePage(api, session, texts)
{
    public ProposalRecord? Record { get; private set; }

    public ProposalVerification? Verification { get; private set; }

    public Proposal? Proposal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid id, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var record = await Api.GetProposalRecordAsync(Token, Tenant, id, cancellationToken);
        if (Refused(record) is { } refused)
        {
            return refused;
        }

        Record = record.Succeeded ? record.Value : throw new HttpRequestException($"The record answered {record.Status}.", null, record.Status);
        var verification = await Api.VerifyProposalAsync(Token, Tenant, id, cancellationToken);
        Verification = verification.Succeeded ? verification.Value : throw new HttpRequestException($"The verification answered {verification.Status}.", null, verification.Status);
        var proposal = await Api.GetProposalAsync(Token, Tenant, id, cancellationToken);
        Proposal = proposal.Succeeded ? proposal.Value : throw new HttpRequestException($"The proposal answered {proposal.Status}.", null, proposal.Status);
        return Page();
    }

    public string College(string? key) => key is null ? "" : GovernanceText.CollegeName(Proposal?.Rules.Colleges ?? [], key);

    public string EntryType(string type) => Texts[$"Governance.Entry.{type}"] is { ResourceNotFound: false } known ? known : type;

    public string ChoiceText(string? choice) => choice is null ? "" : Texts[$"Governance.Choice.{choice}"] is { ResourceNotFound: false } known ? known : choice;

    public string Majority(string majority) => Texts[$"Governance.Majority.{majority}"] is { ResourceNotFound: false } known ? known : majority;
}
