using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using OrderingContracts = Marketplace.Contracts.Ordering;

namespace Marketplace.IntegrationTests.Catalog.Stock;

/// <summary>Ordering's word to Catalog (ADR 27), published on the real broker as the relay does.</summary>
public static class OrderMessages
{
    public static OrderingContracts.OrderLine Line(Guid product, int quantity) => new(product, null, null, quantity, new Money(450, "EUR"), 550);

    public static OrderingContracts.SubOrder SubOrder(Guid shop, params OrderingContracts.OrderLine[] lines) =>
        new(shop, lines, new OrderingContracts.Fulfilment(OrderingContracts.Fulfilment.Pickup, null, null, null, null), new Money(lines.Sum(l => l.UnitPrice.Minor * l.Quantity), "EUR"));

    public static OrderingContracts.OrderPlaced Placed(TenantId coop, Guid order, DateTimeOffset holdUntil, params OrderingContracts.SubOrder[] subOrders) =>
        new(coop, order, Guid.NewGuid(), "fr", subOrders, new Money(subOrders.Sum(s => s.Subtotal.Minor), "EUR"), DateTimeOffset.UtcNow, holdUntil);

    /// <summary>The shop of each line of a reservation accepts it: every line is sold, through SubOrderAccepted as Ordering sends it.</summary>
    public static async Task AcceptWholeAsync(MarketplaceApp app, TenantId coop, Guid reservation)
    {
        using var admin = app.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        var held = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/reservations/{reservation}");
        var lines = held.GetProperty("lines").EnumerateArray()
            .Select(l => (Shop: l.GetProperty("shopId").GetGuid(), Line: Line(l.GetProperty("productId").GetGuid(), l.GetProperty("quantity").GetInt32())));
        foreach (var shop in lines.GroupBy(l => l.Shop))
        {
            await app.Probe.PublishAsync(
                new OrderingContracts.SubOrderAccepted(coop, reservation, shop.Key, [.. shop.Select(l => l.Line)], DateTimeOffset.UtcNow), Guid.NewGuid(), coop.Value);
        }

        await Eventually.TrueAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/reservations/{reservation}")).GetProperty("status").GetString() == "committed",
            $"reservation {reservation} committed");
    }
}
