using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.BrowserTests.Journeys;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>What the order journeys need before a customer can order from a shop: its payouts connected, Ordering taking its orders.</summary>
internal static class TakingOrders
{
    /// <summary>The shop's owner connects its Stripe account and the sandbox finishes its onboarding: Payments then says it can receive transfers.</summary>
    public static async Task ConnectPayoutsAsync(this WebApp web, string owner, string slug, Guid shop)
    {
        using var payments = web.App.PaymentsClient(await web.TokenAsync(owner));
        var route = $"/api/coops/{slug}/shops/{shop}/payouts";
        await Eventually.TrueAsync(async () => (await payments.GetAsync(route)).StatusCode == HttpStatusCode.OK, "the shop's profile in Payments");
        (await payments.PostAsync($"{route}/onboarding", null)).EnsureSuccessStatusCode();
        var account = (await payments.GetFromJsonAsync<JsonElement>(route)).GetProperty("accountId").GetString()!;
        using var sandbox = web.App.Stripe.Http();
        (await sandbox.PostAsync($"/sandbox/accounts/{account}/onboard", null)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until Ordering sells every product and takes orders for their shops: a probe checkout with no choices names
    /// every shop not open (order.shop_not_open) before anything else, and places nothing.
    /// </summary>
    public static async Task UntilShopsTakeOrdersAsync(this WebApp web, string coop, params Guid[] products)
    {
        using var probe = web.Api(MarketplaceApp.Token($"{coop}:member"));
        foreach (var product in products)
        {
            await Eventually.TrueAsync(async () => (await probe.PutAsJsonAsync($"/api/coops/{coop}/basket/lines/{product}", new { quantity = 1 })).IsSuccessStatusCode, "Ordering sells " + product);
        }

        await Eventually.TrueAsync(async () =>
        {
            var refused = await probe.PostAsJsonAsync($"/api/coops/{coop}/orders", new { orderId = Guid.NewGuid(), shops = Array.Empty<object>() });
            var body = await refused.Content.ReadAsStringAsync();
            return refused.StatusCode == HttpStatusCode.Conflict && body.Contains("order.fulfilment_missing", StringComparison.Ordinal) && !body.Contains("order.shop_not_open", StringComparison.Ordinal);
        }, "the shops taking orders");
    }
}
