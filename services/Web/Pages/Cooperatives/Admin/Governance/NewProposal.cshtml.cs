using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Marketplace.Web.Pages.Cooperatives.Governance;
using Marketplace.Web.Pages.Storefront;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin.Governance;

/// <summary>
/// The co-op admin opens a proposal to the members' vote, one kind at a time (?kind=): a fee change (rate in percent,
/// from a day on, after the vote closes), the admission of one of the cooperative's accounts into a college, new
/// statutes, or a motion. The form carries its proposal's id, so posting it twice opens one proposal.
/// </summary>
public sealed class NewProposalModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : GovernanceAdminPage(api, session, texts)
{
    public static IReadOnlyList<string> Kinds { get; } = ["feeChange", "admission", "statutes", "motion"];

    public Statutes? Current { get; private set; }

    public IReadOnlyList<GovernanceMember> Members { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "feeChange";

    [BindProperty]
    public Guid ProposalId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>The fee in percent as the admin types it (5 or 5.5).</summary>
    [BindProperty]
    public decimal? FeeRate { get; set; }

    /// <summary>The day the new fee applies from (midnight in the cooperative's zone).</summary>
    [BindProperty]
    public DateOnly? EffectiveSince { get; set; }

    [BindProperty]
    public Guid? AccountId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? College { get; set; }

    [BindProperty]
    public StatutesForm Statutes { get; set; } = new();

    /// <summary>The cooperative's accounts that are not members yet (an admission is for one of them).</summary>
    public IEnumerable<Api.Platform.Membership> Candidates => Accounts.Where(a => !Members.Any(m => m.AccountId.ToString() == a.AccountId));

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var s = Current!;
        ProposalId = Guid.NewGuid();
        Statutes = StatutesForm.Of(s.Colleges, s.QuorumPercent, s.Majorities, s.AbstentionsCountAgainst, s.VotingDays, s.MaxProxies, s.SecretBallot);
        // The earliest day a fee may apply from: the day after the vote closes.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), OrderFormat.Zone).DateTime);
        EffectiveSince = today.AddDays(s.VotingDays + 1);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), Texts["GovernanceAdmin.Required"]);
        }

        NewFeeChange? fee = null;
        NewAdmission? admission = null;
        StatutesDraft? statutes = null;
        switch (Kind)
        {
            case "feeChange":
                if (FeeRate is null)
                {
                    ModelState.AddModelError(nameof(FeeRate), Texts["AdminPayments.RateRequired"]);
                }
                else if (FeeRate.Value * 100 != decimal.Truncate(FeeRate.Value * 100))
                {
                    ModelState.AddModelError(nameof(FeeRate), Texts["AdminPayments.RateDecimals"]);
                }

                if (EffectiveSince is null)
                {
                    ModelState.AddModelError(nameof(EffectiveSince), Texts["GovernanceAdmin.Required"]);
                }

                if (FeeRate is { } rate && EffectiveSince is { } day)
                {
                    fee = new NewFeeChange((int)(rate * 100), GovernanceText.StartOf(day));
                }

                break;
            case "admission":
                var account = Accounts.FirstOrDefault(a => AccountId is { } id && a.AccountId == id.ToString());
                if (account is null)
                {
                    ModelState.AddModelError(nameof(AccountId), Texts["GovernanceAdmin.PickAccount"]);
                }

                if (string.IsNullOrEmpty(College))
                {
                    ModelState.AddModelError(nameof(College), Texts["GovernanceAdmin.Required"]);
                }

                if (account is not null && !string.IsNullOrEmpty(College))
                {
                    admission = new NewAdmission(AccountId!.Value, string.IsNullOrWhiteSpace(Name) ? account.DisplayName : Name.Trim(), College);
                }

                break;
            case "statutes":
                foreach (var field in Statutes.Missing(nameof(Statutes)))
                {
                    ModelState.AddModelError(field, Texts["GovernanceAdmin.Required"]);
                }

                if (!Statutes.Filled().Any())
                {
                    ModelState.AddModelError($"{nameof(Statutes)}.Colleges", Texts["GovernanceAdmin.OneCollege"]);
                }

                statutes = Statutes.ToDraft();
                break;
            case "motion":
                break;
            default:
                return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Api.OpenProposalAsync(Token, Tenant, new NewProposal(ProposalId, Kind, Title!.Trim(), Text?.Trim() ?? "", fee, admission, statutes), cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, Renamed, Fields());
            return Page();
        }

        return Redirect(WebAddresses.Cooperative(Slug, $"governance/proposals/{result.Value!.Id}"));
    }

    public string KindText(string kind) => Texts[$"Governance.Kind.{kind}"];

    /// <summary>The API's field names of a proposal's part and the form's.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["feeChange.feeRate"] = nameof(FeeRate),
        ["feeChange.effectiveSince"] = nameof(EffectiveSince),
        ["admission.accountId"] = nameof(AccountId),
        ["admission.name"] = nameof(Name),
        ["admission.college"] = nameof(College),
    };

    /// <summary>The form's fields the API names as the form does.</summary>
    private string[] Fields() => [nameof(Title), nameof(Text), nameof(Kind), .. Statutes.Fields(nameof(Statutes))];

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (!Kinds.Contains(Kind))
        {
            return NotFound();
        }

        if (await OpenAsAdminAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var statutes = await Api.GetStatutesAsync(Token, Tenant, cancellationToken);
        if (Refused(statutes) is { } refused)
        {
            return refused;
        }

        Current = statutes.Succeeded ? statutes.Value : throw new HttpRequestException($"The statutes answered {statutes.Status}.", null, statutes.Status);
        var members = await Api.ListGovernanceMembersAsync(Token, Tenant, cancellationToken);
        Members = members.Succeeded ? members.Value ?? [] : throw new HttpRequestException($"The members answered {members.Status}.", null, members.Status);
        return null;
    }
}
