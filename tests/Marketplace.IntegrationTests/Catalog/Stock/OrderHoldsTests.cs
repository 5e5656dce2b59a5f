using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog.Reservations;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Marketplace.IntegrationTests.Catalog.Stock.OrderMessages;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;

namespace Marketplace.IntegrationTests.Catalog.Stock;

/// <summary>Catalog's side of the order process (ADR 27): an order's stock held, sold and released by Ordering's messages.</summary>
public sealed class OrderHoldsTests : MarketplaceTest
{
    [Fact]
    public async Task An_order_is_held_until_its_HoldUntil_and_each_shop_closes_only_its_own_lines()
    {
        // Given two shops' products and an order of both, held for two hours
        var coop = await App.OnboardAsync();
        var answers = await CatalogAnswers.GetAsync();
        var cheese = await App.RegisterShopAsync(coop, "Fromagerie", approve: true);
        var bakery = await App.RegisterShopAsync(coop, "Boulangerie", approve: true);
        var comte = await App.ListProductAsync(coop, cheese, "Comté", stock: 5);
        var brie = await App.ListProductAsync(coop, cheese, "Brie", stock: 3);
        var bread = await App.ListProductAsync(coop, bakery, "Pain", stock: 4);
        var order = Guid.NewGuid();
        var holdUntil = DateTimeOffset.UtcNow.AddHours(2);
        await PublishAsync(coop, Placed(coop, order, holdUntil, SubOrder(cheese, Line(comte, 2), Line(brie, 1)), SubOrder(bakery, Line(bread, 4))));

        // Then every line is held until HoldUntil, and Ordering is told so once
        var held = await answers.WaitForAsync<CatalogContracts.ReservationHeld>(h => h.ReservationId == order);
        Assert.Equal(holdUntil, held.ExpiresAt);
        Assert.Equal(new[] { (comte, 2), (brie, 1), (bread, 4) }.Order(), held.Lines.Select(l => (l.ProductId, l.Quantity)).Order());
        Assert.Equal(((5, 2, 3), (3, 1, 2), (4, 4, 0)), (await StockOfAsync(coop, comte), await StockOfAsync(coop, brie), await StockOfAsync(coop, bread)));

        // When the cheese shop accepts and the bakery refuses
        await PublishAsync(coop, new OrderingContracts.SubOrderAccepted(coop, order, cheese, [Line(comte, 2), Line(brie, 1)], DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => await StockOfAsync(coop, comte) == (3, 0, 3), "the cheese sold");
        Assert.Equal((4, 4, 0), await StockOfAsync(coop, bread)); // the bakery's lines are still held
        await PublishAsync(coop, new OrderingContracts.SubOrderWithdrawn(coop, order, bakery, [Line(bread, 4)], OrderingContracts.EndReasons.RefusedByShop, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => await StockOfAsync(coop, bread) == (4, 0, 4), "the bread back on sale");

        // Then the cheese is sold, the bread back on sale as refused, and cancelling the order afterwards changes nothing
        Assert.Equal((2, 0, 2), await StockOfAsync(coop, brie));
        var released = await App.Probe.WaitForAsync<CatalogContracts.StockReleased>(e => e.ReservationId == order);
        Assert.Equal("refused", ((CatalogContracts.StockReleased)released.Message).Reason);
        await PublishAsync(coop, new OrderingContracts.OrderCancelled(coop, order, OrderingContracts.EndReasons.CancelledByCustomer, DateTimeOffset.UtcNow));
        await WaitProcessedAsync(coop, 4);
        Assert.Equal(((3, 0, 3), (2, 0, 2), (4, 0, 4)), (await StockOfAsync(coop, comte), await StockOfAsync(coop, brie), await StockOfAsync(coop, bread)));
        Assert.Equal("committed", (await ReservationAsync(coop, order)).GetProperty("status").GetString());
        Assert.Equal(2, App.Probe.Of<CatalogContracts.StockCommitted>(e => e.ReservationId == order).Count);
    }

    [Fact]
    public async Task A_short_order_holds_nothing_names_every_short_line_and_stays_refused()
    {
        // Given a product short of one unit, an archived one, one of a shop not approved, an unknown id and one in stock
        var coop = await App.OnboardAsync();
        var answers = await CatalogAnswers.GetAsync();
        var shop = await App.RegisterShopAsync(coop, "Épicerie", approve: true);
        var pending = await App.RegisterShopAsync(coop, "Épicerie en attente");
        var rice = await App.ListProductAsync(coop, shop, "Riz", stock: 1);
        var lentils = await App.ListProductAsync(coop, shop, "Lentilles", stock: 5);
        var oil = await App.ListProductAsync(coop, shop, "Huile", stock: 5);
        var flour = await App.ListProductAsync(coop, pending, "Farine", stock: 5);
        var unknown = Guid.NewGuid();
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/products/{lentils}/archive", null)).StatusCode);
        var order = Guid.NewGuid();
        var placed = Placed(coop, order, DateTimeOffset.UtcNow.AddHours(1), SubOrder(shop, Line(rice, 2), Line(lentils, 1), Line(oil, 3), Line(unknown, 1)), SubOrder(pending, Line(flour, 1)));

        // When it is placed
        await PublishAsync(coop, placed);

        // Then Ordering is told every short line, with what was left, and nothing is held
        var refused = await answers.WaitForAsync<CatalogContracts.ReservationRefused>(r => r.ReservationId == order);
        Assert.Equal(
            new[] { new CatalogContracts.ShortLine(rice, 2, 1), new(lentils, 1, 0), new(flour, 1, 0), new(unknown, 1, 0) }.OrderBy(l => l.ProductId),
            refused.Shortages.OrderBy(l => l.ProductId));
        Assert.Equal((5, 0, 5), await StockOfAsync(coop, oil));
        Assert.Empty(answers.Of<CatalogContracts.ReservationHeld>(h => h.ReservationId == order));

        // And the same order delivered again once rice is restocked holds nothing: the order was answered
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{coop}/shops/{shop}/products/{rice}/stock-adjustments", new { quantity = 5, reason = "restock" })).StatusCode);
        await PublishAsync(coop, placed);
        await WaitProcessedAsync(coop, 2);
        Assert.Equal(((6, 0, 6), (5, 0, 5)), (await StockOfAsync(coop, rice), await StockOfAsync(coop, oil)));
        Assert.Single(answers.Of<CatalogContracts.ReservationRefused>(r => r.ReservationId == order));
        Assert.Equal("refused", (await ReservationAsync(coop, order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_message_delivered_twice_and_shuffled_leaves_the_stock_of_a_clean_run()
    {
        // Given the same catalog in two cooperatives, and the same three orders' messages for each
        var clean = await OrdersAsync(await App.OnboardAsync());
        var shuffled = await OrdersAsync(await App.OnboardAsync());

        // When one gets them in the process's order, each once, and the other each twice (the copy under a new message id), shuffled
        foreach (var placed in clean.Messages.OfType<OrderingContracts.OrderPlaced>())
        {
            await PublishAsync(clean.Coop, placed);
            await Eventually.TrueAsync(async () => await ReservationStatusAsync(clean.Coop, placed.OrderId) == "held", "the order held");
        }

        foreach (var message in clean.Messages.Where(m => m is not OrderingContracts.OrderPlaced))
        {
            await PublishAnyAsync(clean.Coop, message);
        }

        var random = new Random(2026);
        foreach (var message in shuffled.Messages.Concat(shuffled.Messages).OrderBy(_ => random.Next()))
        {
            await PublishAnyAsync(shuffled.Coop, message);
        }

        // Then both end with the same reservations and the same stock, each unit sold or released once
        foreach (var run in new[] { clean, shuffled })
        {
            await Eventually.TrueAsync(
                async () => (await Task.WhenAll(run.Orders.Select(o => ReservationStatusAsync(run.Coop, o)))).SequenceEqual(["committed", "released", "released"]),
                "every order closed in " + run.Coop);
            await WaitProcessedAsync(run.Coop, run == clean ? run.Messages.Count : 2 * run.Messages.Count);
        }

        Assert.Equal(
            await Task.WhenAll(clean.Products.Select(p => StockOfAsync(clean.Coop, p))),
            await Task.WhenAll(shuffled.Products.Select(p => StockOfAsync(shuffled.Coop, p))));
        Assert.Equal([(8, 0, 8), (3, 0, 3), (6, 0, 6), (4, 0, 4)], await Task.WhenAll(shuffled.Products.Select(p => StockOfAsync(shuffled.Coop, p))));
        foreach (var order in shuffled.Orders)
        {
            Assert.True(App.Probe.Of<CatalogContracts.StockCommitted>(e => e.ReservationId == order).GroupBy(e => ((CatalogContracts.StockCommitted)e.Message).ProductId).All(g => g.Count() == 1));
        }
    }

    [Fact]
    public async Task An_orders_hold_lasts_until_its_HoldUntil_not_the_default_hold_and_the_sweeper_comes_back_for_it()
    {
        var coop = await App.OnboardAsync();
        var shop = await App.RegisterShopAsync(coop, "Cave", approve: true);
        var wine = await App.ListProductAsync(coop, shop, "Chinon", stock: 3);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sessions = App.Catalog.Services.GetRequiredService<CooperativeSessions>();
        var deadlines = new CooperativeDeadlines();
        var desk = new ReservationDesk(sessions, deadlines, clock, new ReservationSettings());
        var order = Guid.NewGuid();
        await using (var session = sessions.OpenSession(coop))
        {
            Assert.True(await desk.HoldOrderAsync(session, coop, order, Guid.NewGuid(), [new(wine, 3)], clock.GetUtcNow().AddHours(2), CancellationToken.None));
            await session.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Empty(deadlines.TakeDue(clock.GetUtcNow())); // the sweeper is not asked to come before HoldUntil
        Assert.Equal(0, await desk.ExpireDueAsync(coop, CancellationToken.None));
        Assert.Equal((3, 3, 0), await StockOfAsync(coop, wine));

        clock.Advance(TimeSpan.FromMinutes(21)); // past HoldUntil (the database keeps microseconds)
        Assert.Equal([coop], deadlines.TakeDue(clock.GetUtcNow())); // and comes then
        Assert.Equal(1, await desk.ExpireDueAsync(coop, CancellationToken.None));
        Assert.Equal((3, 0, 3), await StockOfAsync(coop, wine));
        Assert.Equal("expired", await ReservationStatusAsync(coop, order));
    }

    private sealed record Run(TenantId Coop, IReadOnlyList<Guid> Products, IReadOnlyList<Guid> Orders, IReadOnlyList<OrderingContracts.OrderPlaced> Placed, IReadOnlyList<IIntegrationEvent> Messages);

    /// <summary>
    /// Three orders: the first accepted by one shop and refused by the other, the second cancelled whole, the third's
    /// shops withdrawn one by one while the order is cancelled. Every line is closed by messages that commute.
    /// </summary>
    private async Task<Run> OrdersAsync(TenantId coop)
    {
        var cheese = await App.RegisterShopAsync(coop, "Fromagerie", approve: true);
        var bakery = await App.RegisterShopAsync(coop, "Boulangerie", approve: true);
        var comte = await App.ListProductAsync(coop, cheese, "Comté", stock: 10);
        var brie = await App.ListProductAsync(coop, cheese, "Brie", stock: 4);
        var bread = await App.ListProductAsync(coop, bakery, "Pain", stock: 6);
        var cake = await App.ListProductAsync(coop, bakery, "Gâteau", stock: 4);
        var until = DateTimeOffset.UtcNow.AddHours(1);
        var now = DateTimeOffset.UtcNow;
        Guid[] orders = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        OrderingContracts.OrderPlaced[] placed =
        [
            Placed(coop, orders[0], until, SubOrder(cheese, Line(comte, 2), Line(brie, 1)), SubOrder(bakery, Line(bread, 3))),
            Placed(coop, orders[1], until, SubOrder(cheese, Line(comte, 1)), SubOrder(bakery, Line(cake, 2))),
            Placed(coop, orders[2], until, SubOrder(cheese, Line(brie, 2)), SubOrder(bakery, Line(bread, 1), Line(cake, 1))),
        ];
        IIntegrationEvent[] messages =
        [
            .. placed,
            new OrderingContracts.SubOrderAccepted(coop, orders[0], cheese, [Line(comte, 2), Line(brie, 1)], now),
            new OrderingContracts.SubOrderWithdrawn(coop, orders[0], bakery, [Line(bread, 3)], OrderingContracts.EndReasons.RefusedByShop, now),
            new OrderingContracts.OrderCancelled(coop, orders[1], OrderingContracts.EndReasons.PaymentFailed, now),
            new OrderingContracts.SubOrderWithdrawn(coop, orders[2], cheese, [Line(brie, 2)], OrderingContracts.EndReasons.CancelledByCustomer, now),
            new OrderingContracts.OrderCancelled(coop, orders[2], OrderingContracts.EndReasons.CancelledByCustomer, now),
        ];
        return new Run(coop, [comte, brie, bread, cake], orders, placed, messages);
    }

    private Task PublishAsync<T>(TenantId coop, T message)
        where T : class, IIntegrationEvent =>
        App.Probe.PublishAsync(message, Guid.NewGuid(), coop.Value);

    /// <summary>Published as its own type (a message published as IIntegrationEvent reaches no consumer).</summary>
    private Task PublishAnyAsync(TenantId coop, IIntegrationEvent message) => message switch
    {
        OrderingContracts.OrderPlaced m => PublishAsync(coop, m),
        OrderingContracts.SubOrderAccepted m => PublishAsync(coop, m),
        OrderingContracts.SubOrderWithdrawn m => PublishAsync(coop, m),
        OrderingContracts.OrderCancelled m => PublishAsync(coop, m),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name),
    };

    /// <summary>Waits until Catalog's order consumers recorded at least <paramref name="count"/> messages of this cooperative.</summary>
    private async Task WaitProcessedAsync(TenantId coop, int count) =>
        await Eventually.TrueAsync(
            async () => await App.ScalarAsync<long>(
                TenantRegistry.DatabaseNameFor(coop),
                "select count(*) from catalog.mt_doc_processedmessage where data ->> 'MessageType' in ('OrderPlaced', 'SubOrderAccepted', 'SubOrderWithdrawn', 'OrderCancelled')") >= count,
            $"{count} order messages handled");

    private async Task<JsonElement> ReservationAsync(TenantId coop, Guid reservation)
    {
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        return await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/reservations/{reservation}");
    }

    private async Task<string?> ReservationStatusAsync(TenantId coop, Guid reservation)
    {
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        var response = await admin.GetAsync($"/api/coops/{coop}/reservations/{reservation}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
    }

    private async Task<(int OnHand, int Reserved, int Available)> StockOfAsync(TenantId coop, Guid product)
    {
        using var client = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        var stock = (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/products/{product}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32());
    }
}
