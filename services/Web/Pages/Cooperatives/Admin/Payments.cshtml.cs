using System.Globalization;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Payments;
using Marketplace.Web.Api.Platform;
using Marketplace.Web.Pages.Storefront;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>
/// The co-op admin's money desk: the fee in force and the form to set new terms (in force for orders placed from now
/// on; a change made meanwhile by another admin is refused, not overwritten), the ledger of a month — each account's
/// totals, whether it balances, its postings a page at a time — and, on request, the month checked against Stripe.
/// </summary>
public sealed class PaymentsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : AdminPage(api, session, texts)
{
    public const int PageSize = 50;

    public IReadOnlyList<string> FeeBases { get; } = ["excludingVat", "includingVat"];

    public IReadOnlyList<string> RefundFeeBearers { get; } = ["cooperative", "shop"];

    public FeePolicy? Policy { get; private set; }

    public Ledger? Ledger { get; private set; }

    public Reconciliation? Reconciliation { get; private set; }

    /// <summary>The month's nights the payments service reconciled by itself, newest first.</summary>
    public IReadOnlyList<NightlyReconciliation> Nights { get; private set; } = [];

    /// <summary>?month=2026-12; the current month in Paris when absent or not a month.</summary>
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthAsked { get; set; }

    /// <summary>?page= of the ledger's postings (read from the query: bound as "page", it would meet Razor Pages' own route value on a POST).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var page) ? Math.Clamp(page, 1, 1_000_000) : 1;

    /// <summary>?reconcile=true: the month is compared with Stripe (one call per order, so on request only).</summary>
    [BindProperty(SupportsGet = true, Name = "reconcile")]
    public bool Reconcile { get; set; }

    public DateOnly Month { get; private set; }

    public string MonthValue => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    [TempData]
    public string? Saved { get; set; }

    // The form's fields: percentages as the admin types them (5 or 5.5), the API's basis points once read.
    [BindProperty]
    public decimal? FeeRate { get; set; }

    [BindProperty]
    public string FeeBase { get; set; } = "excludingVat";

    [BindProperty]
    public decimal? FeeVatRate { get; set; }

    [BindProperty]
    public string StripeRefundFeeBorneBy { get; set; } = "cooperative";

    [BindProperty]
    public int ExpectedVersion { get; set; }

    public Pager Pager => Pager.Of(Ledger!, page => WebAddresses.Cooperative(Slug, $"admin/payments?month={MonthValue}&page={page}"));

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Policy is { } policy)
        {
            (FeeRate, FeeBase, FeeVatRate, StripeRefundFeeBorneBy, ExpectedVersion) = (policy.FeeRate / 100m, policy.FeeBase, policy.FeeVatRate / 100m, policy.StripeRefundFeeBorneBy, policy.Version);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        // A rate is at most two decimals of a percent: a whole number of basis points.
        int? BasisPoints(decimal? percent, string field)
        {
            if (percent is { } value && value * 100 != decimal.Truncate(value * 100))
            {
                ModelState.AddModelError(field, Texts["AdminPayments.RateDecimals"]);
                return null;
            }

            return percent is null ? null : (int)(percent.Value * 100);
        }

        var feeRate = BasisPoints(FeeRate, nameof(FeeRate));
        var vatRate = BasisPoints(FeeVatRate, nameof(FeeVatRate));
        if (FeeRate is null)
        {
            ModelState.AddModelError(nameof(FeeRate), Texts["AdminPayments.RateRequired"]);
        }

        if (FeeVatRate is null)
        {
            ModelState.AddModelError(nameof(FeeVatRate), Texts["AdminPayments.RateRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Api.SetFeePolicyAsync(Token, Tenant, new NewFeePolicy(ExpectedVersion, feeRate!.Value, FeeBase, vatRate!.Value, StripeRefundFeeBorneBy), cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(FeeRate), nameof(FeeBase), nameof(FeeVatRate), nameof(StripeRefundFeeBorneBy));
            return Page();
        }

        Saved = Texts["AdminPayments.Saved"];
        return Redirect(WebAddresses.Cooperative(Slug, "admin/payments"));
    }

    public string Account(string account) => Texts[$"AdminPayments.Account.{account}"] is { ResourceNotFound: false } known ? known : account;

    public string Kind(string kind) => Texts[$"Payouts.Kind.{kind}"] is { ResourceNotFound: false } known ? known : kind;

    public static string Amount(long minor, string currency) => Shops.BackOfficePage.Price(new Money(minor, currency), CultureInfo.CurrentCulture);

    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.##", CultureInfo.CurrentCulture) + " %";

    public static string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, OrderFormat.Zone).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>The cooperative, its fee policy and the month's ledger (and its reconciliation when asked); a result to return instead of the page when there is nothing to show.</summary>
    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), OrderFormat.Zone).DateTime);
        Month = DateOnly.TryParseExact(MonthAsked, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) ? asked : new DateOnly(today.Year, today.Month, 1);
        var lastDay = Month.AddMonths(1).AddDays(-1);
        var ledger = await Api.GetLedgerAsync(Token, Tenant, Month, lastDay, PageNumber, PageSize, cancellationToken);
        if (Refused(ledger) is { } refused)
        {
            return refused;
        }

        Ledger = ledger.Succeeded ? ledger.Value : throw new HttpRequestException($"The ledger answered {ledger.Status}.", null, ledger.Status);
        Nights = (await Api.GetNightlyReconciliationsAsync(Token, Tenant, Month, lastDay, cancellationToken)).Value ?? [];
        var policy = await Api.GetFeePolicyAsync(Token, Tenant, cancellationToken);
        Policy = policy.Succeeded ? policy.Value : throw new HttpRequestException($"The fee policy answered {policy.Status}.", null, policy.Status);
        if (Reconcile)
        {
            var report = await Api.ReconcileAsync(Token, Tenant, Month, lastDay, cancellationToken);
            Reconciliation = report.Succeeded ? report.Value : throw new HttpRequestException($"The reconciliation answered {report.Status}.", null, report.Status);
        }

        return null;
    }
}
