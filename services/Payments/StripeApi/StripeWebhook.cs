using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Orders;
using Marketplace.ServiceDefaults.Tenancy;
using Stripe;

namespace Marketplace.Payments.StripeApi;

internal static partial class StripeWebhookEndpoint
{
    public const string Route = "/api/payments/stripe/webhooks";

    /// <summary>
    /// Stripe's events (no token: the signature is the proof). The raw body is verified with Stripe.net against the signing
    /// secret; a tampered, stale or unsigned one is refused with 400 and changes nothing. The event only says which object
    /// to look at: its state is read from Stripe, and the event id is recorded with the change (a repeat changes nothing).
    /// </summary>
    public static void MapStripeWebhook(this WebApplication app) =>
        app.MapPost(Route, async Task<IResult> (HttpRequest request, PaymentDesk desk, TenantRegistry registry, StripeSettings settings, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync(cancellationToken);
                Event stripeEvent;
                try
                {
                    stripeEvent = EventUtility.ConstructEvent(
                        body, request.Headers["Stripe-Signature"].ToString(), settings.WebhookSecret, settings.WebhookToleranceSeconds,
                        clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
                }
                catch (Exception e) when (e is StripeException or ArgumentException or FormatException or Newtonsoft.Json.JsonException)
                {
                    return CodedProblems.Refused("payments.webhook_signature", StatusCodes.Status400BadRequest, "The webhook's signature does not verify (tampered, stale or unsigned).");
                }

                var (metadata, observe) = stripeEvent.Data.Object switch
                {
                    PaymentIntent intent => (intent.Metadata, (Func<TenantId, Guid, Task>?)((coop, id) => desk.ObservePaymentAsync(coop, id, stripeEvent.Id, cancellationToken))),
                    Account account => (account.Metadata, (coop, id) => desk.ObserveShopAsync(coop, id, stripeEvent.Id, cancellationToken)),
                    _ => (null, null),
                };
                var idKey = stripeEvent.Data.Object is Account ? PaymentsStripe.ShopKey : PaymentsStripe.OrderKey;
                if (observe is null || metadata is null
                    || !metadata.TryGetValue(PaymentsStripe.CooperativeKey, out var coopText) || !TenantId.TryParse(coopText, out var coop)
                    || !metadata.TryGetValue(idKey, out var idText) || !Guid.TryParse(idText, out var id)
                    || !await registry.ContainsAsync(coop, cancellationToken))
                {
                    // Not about an object of ours (another platform's, or a cooperative since removed): acknowledged, ignored.
                    return TypedResults.Ok();
                }

                await observe(coop, id);
                return TypedResults.Ok();
            })
            .AllowAnonymous()
            .WithTags("Payments")
            .WithName("ReceiveStripeWebhook")
            .WithSummary("Stripe's signed events (Stripe-Signature); verified against the raw body, de-duplicated by event id.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
