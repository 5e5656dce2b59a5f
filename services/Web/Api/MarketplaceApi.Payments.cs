using System.Globalization;
using System.Net.Http.Headers;
using Marketplace.Contracts;
using Marketplace.Web.Api.Payments;

namespace Marketplace.Web.Api;

/// <summary>An order's payment, for its customer; a shop's payouts and statement, for its owners.</summary>
public sealed partial class MarketplaceApi
{
    /// <summary>404 payments.payment_not_found until Payments has opened the payment (after Catalog held the stock).</summary>
    public Task<ApiResult<OrderPayment>> GetOrderPaymentAsync(string accessToken, TenantId coop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<OrderPayment>(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}/payment", null, accessToken, cancellationToken);

    public Task<ApiResult<ShopPayouts>> GetShopPayoutsAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<ShopPayouts>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/payouts", null, accessToken, cancellationToken);

    public Task<ApiResult<OnboardingLink>> StartShopOnboardingAsync(string accessToken, TenantId coop, Guid shop, CancellationToken cancellationToken) =>
        SendAsync<OnboardingLink>(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/payouts/onboarding", null, accessToken, cancellationToken);

    public Task<ApiResult<ShopStatement>> GetShopStatementAsync(string accessToken, TenantId coop, Guid shop, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        SendAsync<ShopStatement>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/payouts/statement?{Period(from, to)}", null, accessToken, cancellationToken);

    /// <summary>The statement as Payments writes it for a spreadsheet (UTF-8 with BOM), passed on as it is.</summary>
    public Task<ApiResult<byte[]>> GetShopStatementCsvAsync(string accessToken, TenantId coop, Guid shop, DateOnly from, DateOnly to, string language, CancellationToken cancellationToken) =>
        GetFileAsync(accessToken, $"/api/coops/{coop}/shops/{shop}/payouts/statement.csv?{Period(from, to)}&language={language}", cancellationToken);

    /// <summary>The receipts and credit notes the shop issued in the period, and the cooperative's commission invoices to it.</summary>
    public Task<ApiResult<List<PaymentDocument>>> GetShopDocumentsAsync(string accessToken, TenantId coop, Guid shop, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        SendAsync<List<PaymentDocument>>(HttpMethod.Get, $"/api/coops/{coop}/shops/{shop}/payouts/documents?{Period(from, to)}", null, accessToken, cancellationToken);

    /// <summary>The order's receipts and credit notes (its customer).</summary>
    public Task<ApiResult<List<PaymentDocument>>> GetOrderDocumentsAsync(string accessToken, TenantId coop, Guid order, CancellationToken cancellationToken) =>
        SendAsync<List<PaymentDocument>>(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}/payment/documents", null, accessToken, cancellationToken);

    /// <summary>A document's PDF as Payments writes it, passed on as it is (404 for anyone who may not read it).</summary>
    public Task<ApiResult<byte[]>> GetDocumentPdfAsync(string accessToken, TenantId coop, Guid document, string language, CancellationToken cancellationToken) =>
        GetFileAsync(accessToken, $"/api/coops/{coop}/payments/documents/{document}/pdf?language={language}", cancellationToken);

    public Task<ApiResult<FeePolicy>> GetFeePolicyAsync(string accessToken, TenantId coop, CancellationToken cancellationToken) =>
        SendAsync<FeePolicy>(HttpMethod.Get, $"/api/coops/{coop}/payments/fee-policy", null, accessToken, cancellationToken);

    /// <summary>400 field by field, 409 fee.version_conflict when another admin changed the policy since it was read.</summary>
    public Task<ApiResult<FeePolicy>> SetFeePolicyAsync(string accessToken, TenantId coop, NewFeePolicy policy, CancellationToken cancellationToken) =>
        SendAsync<FeePolicy>(HttpMethod.Put, $"/api/coops/{coop}/payments/fee-policy", policy, accessToken, cancellationToken);

    public Task<ApiResult<Ledger>> GetLedgerAsync(string accessToken, TenantId coop, DateOnly from, DateOnly to, int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<Ledger>(HttpMethod.Get, $"/api/coops/{coop}/payments/ledger?{Period(from, to)}&page={page}&pageSize={pageSize}", null, accessToken, cancellationToken);

    /// <summary>The nightly reconciliations kept for the days of the period, newest first.</summary>
    public Task<ApiResult<List<NightlyReconciliation>>> GetNightlyReconciliationsAsync(string accessToken, TenantId coop, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        SendAsync<List<NightlyReconciliation>>(HttpMethod.Get, $"/api/coops/{coop}/payments/reconciliation/reports?{Period(from, to)}", null, accessToken, cancellationToken);

    /// <summary>Asks Stripe about every order of the period: seconds for a busy month, so only on request.</summary>
    public Task<ApiResult<Reconciliation>> ReconcileAsync(string accessToken, TenantId coop, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        SendAsync<Reconciliation>(HttpMethod.Get, $"/api/coops/{coop}/payments/reconciliation?{Period(from, to)}", null, accessToken, cancellationToken);

    private async Task<ApiResult<byte[]>> GetFileAsync(string accessToken, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await ExchangeAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? new ApiResult<byte[]>(response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken), NoErrors, null)
            : (await ReadProblemAsync(response, cancellationToken)).As<byte[]>(response.StatusCode);
    }

    private static string Period(DateOnly from, DateOnly to) =>
        $"from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
