using System.Globalization;
using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Payments;
using Marketplace.Web.Pages.Storefront;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// The shop's money: its Stripe connection (connect, or continue the onboarding Stripe asks for) and its statement
/// for a month — every sale with the cooperative's commission and its VAT, refunds, transfers and the balance owed
/// after each — with the month's statement as a spreadsheet. Payments writes both; this page shows them.
/// </summary>
public sealed class PayoutsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : BackOfficePage(api, session, texts)
{
    /// <summary>The connection's state; null while Payments has not heard of the shop yet (a message away from Catalog).</summary>
    public string? State { get; private set; }

    public ShopStatement? Statement { get; private set; }

    /// <summary>The month's receipts and credit notes the shop issued, and the cooperative's commission invoices to it.</summary>
    public IReadOnlyList<PaymentDocument> Documents { get; private set; } = [];

    /// <summary>?month=2026-12; the current month in Paris when absent or not a month.</summary>
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthAsked { get; set; }

    public DateOnly Month { get; private set; }

    public string MonthValue => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, shop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConnectAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var link = await Api.StartShopOnboardingAsync(Token, Tenant, shop, cancellationToken);
        if (Refused(link) is { } refused)
        {
            return refused;
        }

        if (!link.Succeeded)
        {
            ModelState.AddModelError("", Translate(link.Code, link.Title ?? Texts["Errors.Unexpected"]));
            return Page();
        }

        return Redirect(Required(link).Url); // Stripe's onboarding (the local sandbox's page when no keys are set)
    }

    public async Task<IActionResult> OnGetCsvAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        ChooseMonth();
        var csv = await Api.GetShopStatementCsvAsync(Token, Tenant, shop, Month, LastDay, DocumentList.Language, cancellationToken);
        return Refused(csv) ?? File(Required(csv), "text/csv; charset=utf-8", $"{Texts["Payouts.FileName"]}-{MonthValue}.csv");
    }

    /// <summary>One of the shop's documents as a PDF in the page's language, passed on from Payments.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string coop, Guid shop, [FromQuery(Name = "document")] Guid document, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var pdf = await Api.GetDocumentPdfAsync(Token, Tenant, document, DocumentList.Language, cancellationToken);
        return Refused(pdf) ?? File(Required(pdf), "application/pdf", $"{document}.pdf");
    }

    public string Kind(StatementRow row) => Texts[$"Payouts.Kind.{row.Kind}"];

    public string When(StatementRow row) => TimeZoneInfo.ConvertTime(row.At, OrderFormat.Zone).ToString("g", CultureInfo.CurrentCulture);

    private DateOnly LastDay => Month.AddMonths(1).AddDays(-1);

    private void ChooseMonth()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), OrderFormat.Zone).DateTime);
        Month = DateOnly.TryParseExact(MonthAsked, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) ? asked : new DateOnly(today.Year, today.Month, 1);
    }

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        ChooseMonth();
        var payouts = await Api.GetShopPayoutsAsync(Token, Tenant, shop, cancellationToken);
        if (payouts.Status == HttpStatusCode.NotFound)
        {
            return null; // Payments has not heard of the shop yet: the page says so, with nothing to show
        }

        if (Refused(payouts) is { } refused)
        {
            return refused;
        }

        State = Required(payouts).State;
        var statement = await Api.GetShopStatementAsync(Token, Tenant, shop, Month, LastDay, cancellationToken);
        Statement = Refused(statement) is null ? Required(statement) : null;
        var documents = await Api.GetShopDocumentsAsync(Token, Tenant, shop, Month, LastDay, cancellationToken);
        Documents = documents.Succeeded ? Required(documents) : [];
        return null;
    }
}
