using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin.Governance;

/// <summary>
/// The co-op admin sets the statutes: colleges (names in French and English, weights adding up to 100), quorum,
/// majority per kind of proposal, abstentions, voting days, proxies, secret ballot. A change made meanwhile (by another
/// admin or by the members' vote) is refused, not overwritten; proposals already open keep their statutes.
/// </summary>
public sealed class StatutesModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : GovernanceAdminPage(api, session, texts)
{
    public Statutes? Current { get; private set; }

    [BindProperty]
    public StatutesForm Statutes { get; set; } = new();

    [BindProperty]
    public int ExpectedVersion { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var s = Current!;
        Statutes = StatutesForm.Of(s.Colleges, s.QuorumPercent, s.Majorities, s.AbstentionsCountAgainst, s.VotingDays, s.MaxProxies, s.SecretBallot);
        ExpectedVersion = s.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        foreach (var field in Statutes.Missing(nameof(Statutes)))
        {
            ModelState.AddModelError(field, Texts["GovernanceAdmin.Required"]);
        }

        if (!Statutes.Filled().Any())
        {
            ModelState.AddModelError($"{nameof(Statutes)}.Colleges", Texts["GovernanceAdmin.OneCollege"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Api.SetStatutesAsync(Token, Tenant, new NewStatutes(ExpectedVersion, Statutes.ToDraft()), cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, [.. Statutes.Fields(nameof(Statutes)), nameof(ExpectedVersion)]);
            return Page();
        }

        Saved = Texts["GovernanceAdmin.StatutesSaved"];
        return Redirect(WebAddresses.Cooperative(Slug, "admin/governance/statutes"));
    }

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
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
        return null;
    }
}
