using System.Diagnostics;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Infrastructure.MarketplaceApp;
using CatalogContracts = Marketplace.Contracts.Catalog;
using PaymentsContracts = Marketplace.Contracts.Payments;

namespace Marketplace.IntegrationTests.Ordering;

[CollectionDefinition(nameof(ServiceRestarts), DisableParallelization = true)]
public sealed class ServiceRestarts;

/// <summary>
/// The whole order of <see cref="WholeOrderTests"/> with services stopped and started again between its steps. It stops
/// the shared hosts, so it runs alone, after the parallel tests.
/// </summary>
[Collection(nameof(ServiceRestarts))]
public sealed class WholeOrderRestartTests(ITestOutputHelper output) : MarketplaceTest
{
    [Fact]
    public async Task Ordering_Payments_and_Catalog_stopped_and_started_again_mid_order_lose_nothing_and_do_nothing_twice()
    {
        var journey = await OrderJourney.StartAsync(App);
        var watch = Stopwatch.StartNew();
        var order = await journey.CheckoutAsync();
        await journey.WaitForStockAsync(journey.Bread, (10, 2, 8));
        await journey.WaitForStockAsync(journey.Cheese, (5, 3, 2));
        var intentId = await journey.IntentAsync(order);

        // When Ordering is down while the customer pays: Payments' word waits in Ordering's queue
        await App.StopAsync(Service.Ordering);
        try
        {
            await journey.PayAsync(intentId);
            await App.Probe.WaitForAsync<PaymentsContracts.PaymentAuthorised>(m => m.OrderId == order);
        }
        finally
        {
            App.Start(Service.Ordering);
        }

        // And Payments and Catalog are down while the shops answer: the capture instruction and the stock's fate wait for them
        await journey.WaitForOrderAsync(order, "awaiting-shops");
        await App.StopAsync(Service.Payments);
        await App.StopAsync(Service.Catalog);
        try
        {
            await journey.AnswerAsync(order);
            await journey.WaitForOrderAsync(order, "capturing");
        }
        finally
        {
            App.Start(Service.Catalog);
            App.Start(Service.Payments);
        }

        // Then one capture of the accepted part and one transfer to its shop; the stock sold and released once
        await journey.AssertMoneyAsync(order, intentId);
        await journey.WaitForStockAsync(journey.Bread, (8, 0, 8));
        await journey.WaitForStockAsync(journey.Cheese, (5, 0, 5));

        // And Ordering restarted once more between capture and hand-over changes nothing either
        await journey.WaitForOrderAsync(order, "paid");
        await App.RestartAsync(Service.Ordering);
        await journey.HandOverAsync(order);
        await journey.AssertEndAsync(order);

        // What would have been done twice has had time to show
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(App.Probe.Of<PaymentsContracts.PaymentAuthorised>(m => m.OrderId == order).DistinctBy(m => m.MessageId));
        Assert.Single(App.Probe.Of<PaymentsContracts.PaymentCaptured>(m => m.OrderId == order).DistinctBy(m => m.MessageId));
        Assert.Equal(
            [journey.Bread],
            App.Probe.Of<CatalogContracts.StockCommitted>(m => m.ReservationId == order).DistinctBy(m => m.MessageId).Select(m => ((CatalogContracts.StockCommitted)m.Message).ProductId));
        Assert.Equal(
            [journey.Cheese],
            App.Probe.Of<CatalogContracts.StockReleased>(m => m.ReservationId == order).DistinctBy(m => m.MessageId).Select(m => ((CatalogContracts.StockReleased)m.Message).ProductId));
        var transfers = await new Stripe.TransferService(App.Stripe.Client()).ListAsync(new Stripe.TransferListOptions { TransferGroup = order.ToString(), Limit = 100 });
        Assert.Single(transfers);
        Assert.Equal((8, 0, 8), await journey.StockOfAsync(journey.Bread));
        Assert.Equal((5, 0, 5), await journey.StockOfAsync(journey.Cheese));
        Assert.Equal(6, (await App.MailsToAsync(journey.CustomerEmail, m => m.Subject?.Contains(order.ToString("N")[..8].ToUpperInvariant(), StringComparison.Ordinal) == true, 6)).Count);
        output.WriteLine($"the order with four stops and starts, from checkout to the last mail: {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task An_order_Catalog_does_not_answer_before_its_HoldUntil_is_cancelled_and_Catalogs_late_hold_is_released()
    {
        var journey = await OrderJourney.StartAsync(App);

        // Given an order placed while Catalog is down
        await journey.FillBasketAsync();
        await App.StopAsync(Service.Catalog);
        Guid order;
        try
        {
            order = await journey.CheckoutAsync(filled: true);
            using var customer = journey.CustomerOf(App.OrderingClient);
            var placed = await journey.OrderAsync(customer, order);
            Assert.Equal("awaiting-stock", placed.GetProperty("status").GetString());

            // When Ordering's clock passes the order's HoldUntil
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(3));
            var desk = ActivatorUtilities.CreateInstance<OrderDesk>(App.Ordering.Services, clock);
            Assert.Equal(1, await desk.SweepDueAsync(journey.Coop, CancellationToken.None));
            var cancelled = await journey.OrderAsync(customer, order);
            Assert.Equal(("cancelled", "stock-unconfirmed"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("endReason").GetString()));
        }
        finally
        {
            App.Start(Service.Catalog);
        }

        // Then Catalog, back, holds the order late and releases it on OrderCancelled; the order stays cancelled, nothing is charged
        await App.Probe.WaitForAsync<CatalogContracts.StockReleased>(m => m.ReservationId == order && m.ProductId == journey.Cheese);
        await journey.WaitForStockAsync(journey.Bread, (10, 0, 10));
        await journey.WaitForStockAsync(journey.Cheese, (5, 0, 5));
        await App.MailsToAsync(journey.CustomerEmail, m => m.Subject == $"Commande {order.ToString("N")[..8].ToUpperInvariant()} annulée");
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var again = journey.CustomerOf(App.OrderingClient);
        Assert.Equal("cancelled", (await journey.OrderAsync(again, order)).GetProperty("status").GetString());
        Assert.Empty(App.Probe.Of<PaymentsContracts.PaymentAuthorised>(m => m.OrderId == order));
        using var payments = journey.CustomerOf(App.PaymentsClient);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await payments.GetAsync($"/api/coops/{journey.Coop}/orders/{order}/payment")).StatusCode);
    }
}
