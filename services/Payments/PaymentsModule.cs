using FluentValidation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.FeePolicies.Adopting;
using Marketplace.Payments.FeePolicies.Setting;
using Marketplace.Payments.FeePolicies.Viewing;
using Marketplace.Payments.Invoicing;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Orders;
using Marketplace.Payments.Patronage;
using Marketplace.Payments.Shops;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments;

/// <summary>
/// The cooperative's money: its fee policy (versioned, so an order is charged with the version in force when it was
/// placed) and the split of a payment between the shops and the cooperative, the order's payment (one PaymentIntent authorised, captured for what the shops accepted, transfers to the shops) and
/// the shops' Stripe connected accounts (ADR 34), in the "payments" schema of each cooperative's database.
/// </summary>
public static class PaymentsModule
{
    public const int RelayLockId = 4400;
    public const string Schema = "payments";

    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(PaymentsModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<PaymentsIntegrationEvents>(Schema, RelayLockId, options =>
        {
            options.AddEventSourced<FeePolicyHistory>();
            options.Schema.For<CooperativeMember>();
            options.AddEventSourced<Payment>();
            options.AddEventSourced<ShopPayouts>();
            options.Schema.For<Payment>().Index(p => p.Status);
            options.AddLedger();
            options.AddDocuments();
            options.Schema.For<CooperativeIdentity>();
            NightlyReconciliation.AddReconciliationReports(options);
        });
        builder.AddStripe();
        builder.Services.AddSingleton<PaymentDesk>();
        builder.Services.AddSingleton<CommissionInvoicing>();
        builder.Services.AddSingleton<Reconciler>();
        builder.Services.AddSingleton<NightlyReconciliation>();
        builder.Services.AddHostedService<PaymentSweeper>();
        builder.Services.AddHostedService<Bookkeeping>();
        builder.AddMessaging("payments", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<AuthorisePayment>();
            bus.AddConsumer<CapturePayment>();
            bus.AddConsumer<CancelPayment>();
            bus.AddConsumer<RefundPayment>();
            bus.AddConsumer<NoteShopProfile>();
            bus.AddConsumer<AdoptFeePolicy>();
            bus.AddConsumer<NoteMember>();
            bus.AddConsumer<NoteCooperative>();
        });
        return builder;
    }

    public static WebApplication MapPayments(this WebApplication app)
    {
        app.MapCooperativeExport("payments", Schema);
        var payments = app.MapGroup("/api/coops/{coop}/payments").WithTags("Payments");
        payments.MapGetFeePolicy();
        payments.MapSetFeePolicy();
        payments.MapGetLedger();
        payments.MapGetPatronageRefund();
        payments.MapGetPatronageRefundCsv();
        payments.MapReconcile();
        payments.MapReconciliationReports();
        var payouts = app.ShopPayoutsGroup();
        payouts.MapGetShopPayouts();
        payouts.MapStartOnboarding();
        payouts.MapGetShopStatement();
        payouts.MapGetShopStatementCsv();
        payouts.MapGetShopDocuments();
        app.MapGetDocument();
        app.MapGetDocumentPdf();
        app.MapGetOrderDocuments();
        app.MapGetPayment();
        app.MapStripeWebhook();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class PaymentsService;
