using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;
using PaymentsContracts = Marketplace.Contracts.Payments;

namespace Marketplace.IntegrationTests.Ordering;

/// <summary>
/// Checkout and the order process (ADR 27, 33) through Ordering's API and the real broker, with Catalog's and Payments'
/// answers published by stand-ins as those services will send them.
/// </summary>
public sealed class OrderProcessTests : MarketplaceTest
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private OrderingStandIns _standIns = null!;
    private TenantId _coop;
    private Guid _bakery;
    private Guid _dairy;
    private Guid _bakeryOwner;
    private Guid _dairyOwner;
    private Guid _bread;
    private Guid _cheese;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _standIns = await OrderingStandIns.StartAsync(App);
        _coop = await App.OnboardAsync();
        (_bakeryOwner, _dairyOwner) = (Guid.NewGuid(), Guid.NewGuid());
        _bakery = await App.RegisterShopAsync(_coop, "Boulangerie Martin", owner: _bakeryOwner, approve: true);
        _dairy = await App.RegisterShopAsync(_coop, "Fromagerie du Marché", owner: _dairyOwner, approve: true);
        await _standIns.OpenShopAsync(_coop, _bakery, "Boulangerie Martin", _bakeryOwner, pickup: true, delivery: false);
        await _standIns.OpenShopAsync(_coop, _dairy, "Fromagerie du Marché", _dairyOwner, pickup: true, delivery: true);
        _bread = await App.ListProductAsync(_coop, _bakery, "Pain de campagne", priceMinor: 450);
        _cheese = await App.ListProductAsync(_coop, _dairy, "Saint-Marcellin", priceMinor: 300);
    }

    public override async Task DisposeAsync() => await _standIns.DisposeAsync();

    [Fact]
    public async Task A_shop_takes_orders_once_approved_and_able_to_receive_transfers_and_keeps_its_newest_profile()
    {
        var shop = Guid.NewGuid();
        var owner = Guid.NewGuid();

        // Given a shop Catalog has not approved yet, whose account can receive transfers
        await _standIns.PublishAsync(OrderingStandIns.Profile(_coop, shop, "Primeur", owner, approved: false, version: 2));
        await _standIns.PublishAsync(new PaymentsContracts.ShopPayoutsChanged(_coop, shop, true, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, shop))?.CanReceiveTransfers == true, "both facts copied");
        Assert.False((await _standIns.ShopAsync(_coop, shop))!.TakesOrders);

        // When it is approved (version 3), told twice, and an older profile arrives late
        var approved = OrderingStandIns.Profile(_coop, shop, "Primeur Dupont", owner, approved: true, version: 3);
        var messageId = Guid.NewGuid();
        await _standIns.PublishAsync(approved, messageId);
        await _standIns.PublishAsync(approved, messageId);
        await _standIns.PublishAsync(OrderingStandIns.Profile(_coop, shop, "Old name", owner, approved: false, version: 1));

        // Then it is opened for orders once, and keeps the newest profile
        await _standIns.WaitForAsync<OrderingContracts.ShopOpenedForOrders>(e => e.ShopId == shop, "the shop opened");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var copy = await _standIns.ShopAsync(_coop, shop);
        Assert.Equal(("Primeur Dupont", 3L, true), (copy!.Name, copy.ProfileVersion, copy.TakesOrders));
        Assert.Equal([owner], copy.Owners);
        Assert.Single(_standIns.HeardOnce<OrderingContracts.ShopOpenedForOrders>(e => e.ShopId == shop));
    }

    [Fact]
    public async Task A_checkout_places_one_order_with_a_sub_order_per_shop_and_a_retry_places_nothing_twice()
    {
        // Given a basket of two loaves and a cheese
        var customerId = Guid.NewGuid();
        using var customer = Customer(customerId);
        await PutAsync(customer, _bread, 2);
        await PutAsync(customer, _cheese, 1);

        // When the customer checks out: the bakery in a pickup slot, the dairy delivered
        var orderId = Guid.NewGuid();
        var request = Request(orderId, Pickup(_bakery), Delivered(_dairy));
        var placed = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", request);

        // Then one order holds a sub-order per shop, prices frozen, and Catalog is asked to hold it all
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("awaiting-stock", order.GetProperty("status").GetString());
        Assert.Equal(1200L, order.GetProperty("total").GetProperty("minor").GetInt64());
        var message = await _standIns.WaitForAsync<OrderingContracts.OrderPlaced>(e => e.OrderId == orderId, "OrderPlaced");
        Assert.Equal(customerId, message.CustomerAccountId);
        Assert.Equal([900L, 300L], message.SubOrders.OrderBy(s => s.ShopId == _dairy).Select(s => s.Subtotal.Minor));
        Assert.Equal(550, message.SubOrders.SelectMany(s => s.Lines).Select(l => l.VatRate).Distinct().Single());
        Assert.True(message.HoldUntil > message.PlacedAt.AddMinutes(30));
        Assert.Equal("delivery", message.SubOrders.Single(s => s.ShopId == _dairy).Fulfilment.Kind);

        // And the basket is empty; the same checkout again answers the same order; another account cannot take its id
        Assert.Equal(0, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("itemCount").GetInt32());
        var again = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", request);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(orderId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        using var stranger = Customer(Guid.NewGuid());
        var taken = await stranger.PostAsJsonAsync($"/api/coops/{_coop}/orders", request);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("order.id_taken", await CodeAsync(taken));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(_standIns.HeardOnce<OrderingContracts.OrderPlaced>(e => e.OrderId == orderId));
        var mine = await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/orders");
        Assert.Equal([orderId], mine.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_checkout_that_cannot_be_placed_names_every_problem_on_its_field_and_changes_nothing()
    {
        using var customer = Customer(Guid.NewGuid());

        // An empty basket
        var empty = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Guid.NewGuid(), Pickup(_bakery)));
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Equal("order.basket_empty", await CodeAsync(empty));

        // Delivery from a shop that does not deliver, a pickup slot at night
        await PutAsync(customer, _bread, 1);
        await PutAsync(customer, _cheese, 1);
        var night = Slot(days: 1, hour: 22);
        var refused = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Guid.NewGuid(), Delivered(_bakery), new { shopId = _dairy, pickup = new { start = night, end = night.AddMinutes(30) } }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var codes = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("order.delivery_not_offered", codes.GetProperty("shops[0].delivery")[0].GetString());
        Assert.Equal("order.slot_outside_hours", codes.GetProperty("shops[1].pickup")[0].GetString());

        // A slot in the past; a shop missing from the choices
        var past = DateTimeOffset.UtcNow.AddHours(-2);
        var late = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Guid.NewGuid(), new { shopId = _bakery, pickup = new { start = past, end = past.AddMinutes(30) } }));
        var lateCodes = (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("order.slot_in_past", lateCodes.GetProperty("shops[0].pickup.start")[0].GetString());
        Assert.Equal("order.fulfilment_missing", lateCodes.GetProperty("shops")[0].GetString());

        // Neither pickup nor delivery is a 400 on its field
        var neither = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Guid.NewGuid(), new { shopId = _bakery }));
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);

        // A shop that can no longer receive transfers takes no order
        await _standIns.PublishAsync(new PaymentsContracts.ShopPayoutsChanged(_coop, _dairy, false, DateTimeOffset.UtcNow.AddSeconds(1)));
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, _dairy))?.TakesOrders == false, "the dairy closed");
        var closed = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Guid.NewGuid(), Pickup(_bakery), Pickup(_dairy)));
        Assert.Equal("order.shop_not_open", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("shops[1]")[0].GetString());

        // Nothing changed: the basket is whole and no order exists
        Assert.Equal(2, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("itemCount").GetInt32());
        Assert.Equal(0, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/orders")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_order_goes_from_held_to_handed_over_each_shop_answering_its_own_part()
    {
        var (customer, orderId) = await PlaceAsync(Pickup(_bakery), Pickup(_dairy));
        using var _ = customer;

        // Held: the customer is asked to pay before the cooperative's time is up
        await _standIns.PublishAsync(Held(orderId));
        var awaiting = await _standIns.WaitForAsync<OrderingContracts.OrderAwaitingPayment>(e => e.OrderId == orderId, "OrderAwaitingPayment");
        Assert.Equal(750L, awaiting.Total.Minor);
        Assert.InRange(awaiting.PayBy - awaiting.PlacedAt, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        // Authorised: each shop sees its own part only, with what to prepare
        await _standIns.PublishAsync(Authorised(orderId, 750));
        using var baker = Owner(_bakeryOwner);
        using var cheesemaker = Owner(_dairyOwner);
        JsonElement queue = default;
        await Eventually.TrueAsync(async () => (queue = await baker.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_bakery}/orders")).GetProperty("items").GetArrayLength() == 1, "the bakery's queue");
        Assert.Equal(1, queue.GetProperty("total").GetInt64());
        var part = queue.GetProperty("items")[0];
        Assert.Equal(orderId, part.GetProperty("orderId").GetGuid());
        Assert.Equal(_bakery, part.GetProperty("subOrder").GetProperty("shopId").GetGuid());
        Assert.Equal("awaiting-shop", part.GetProperty("subOrder").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await baker.GetAsync($"/api/coops/{_coop}/shops/{_dairy}/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_dairy}/orders/{orderId}/accept", null)).StatusCode);

        // The bakery accepts (twice), the dairy refuses with a note: the accepted part is captured, once
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/accept", null)).StatusCode);
        var refusedAfter = await baker.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/refuse", new { note = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, refusedAfter.StatusCode);
        Assert.Equal("order.sub_order_not_awaiting_shop", await CodeAsync(refusedAfter));
        Assert.Equal(HttpStatusCode.OK, (await cheesemaker.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_dairy}/orders/{orderId}/refuse", new { note = "Plus de Saint-Marcellin" })).StatusCode);
        await _standIns.WaitForAsync<OrderingContracts.SubOrderAccepted>(e => e.OrderId == orderId && e.ShopId == _bakery, "SubOrderAccepted");
        var withdrawn = await _standIns.WaitForAsync<OrderingContracts.SubOrderWithdrawn>(e => e.OrderId == orderId, "SubOrderWithdrawn");
        Assert.Equal((_dairy, "refused-by-shop"), (withdrawn.ShopId, withdrawn.Reason));
        var capture = await _standIns.WaitForAsync<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == orderId, "OrderReadyToCapture");
        Assert.Equal(450L, capture.Amount.Minor);
        Assert.Equal([_bakery], capture.Accepted.Select(a => a.ShopId));

        // Captured, then ready and collected
        Assert.Equal("order.not_captured", await CodeAsync(await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/handed-over", null)));
        await _standIns.PublishAsync(new PaymentsContracts.PaymentCaptured(_coop, orderId, new Money(450, "EUR"), DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await OrderAsync(customer, orderId)).GetProperty("status").GetString() == "paid", "the order paid");
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/ready", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/handed-over", null)).StatusCode);
        await _standIns.WaitForAsync<OrderingContracts.SubOrderHandedOver>(e => e.OrderId == orderId, "SubOrderHandedOver");

        // Then the customer sees the whole story, each step with its time
        var order = await OrderAsync(customer, orderId);
        Assert.Equal(
            ["order-placed", "stock-held", "payment-authorised", "sub-order-accepted", "sub-order-withdrawn", "ready-to-capture", "payment-captured", "sub-order-ready", "sub-order-handed-over"],
            order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()));
        Assert.Equal("completed", order.GetProperty("status").GetString());
        Assert.Equal(["handed-over", "withdrawn"], order.GetProperty("subOrders").EnumerateArray().OrderBy(s => s.GetProperty("shopId").GetGuid() == _dairy).Select(s => s.GetProperty("status").GetString()));
        Assert.Single(_standIns.HeardOnce<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == orderId));

        // And an admin sees it among the cooperative's orders; another customer does not see it at all
        using var admin = App.OrderingClient(MarketplaceApp.Token($"{_coop}:admin"));
        var all = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/admin/orders");
        Assert.Contains(orderId, all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        using var stranger = Customer(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/coops/{_coop}/orders/{orderId}")).StatusCode);
    }

    [Fact]
    public async Task A_shop_that_cannot_fulfil_a_paid_sub_order_has_it_refunded_once()
    {
        var (customer, orderId) = await PlaceAsync(Pickup(_bakery));
        using var _ = customer;
        using var baker = Owner(_bakeryOwner);
        await _standIns.PublishAsync(Held(orderId));
        await _standIns.PublishAsync(Authorised(orderId, 450));
        await Eventually.TrueAsync(async () => (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/accept", null)).StatusCode == HttpStatusCode.OK, "the bakery accepts");
        await _standIns.WaitForAsync<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == orderId, "OrderReadyToCapture");
        Assert.Equal("order.not_captured", await CodeAsync(await baker.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/cancel", new { reason = "Four en panne" })));
        await _standIns.PublishAsync(new PaymentsContracts.PaymentCaptured(_coop, orderId, new Money(450, "EUR"), DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await OrderAsync(customer, orderId)).GetProperty("status").GetString() == "paid", "the order paid");

        // When the bakery cannot bake it after all, and says so twice
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/cancel", new { reason = "Four en panne" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/cancel", new { reason = "Four en panne" })).StatusCode);

        // Then one refund of its subtotal is requested, and Payments' answer is recorded on the order
        var refund = await _standIns.WaitForAsync<OrderingContracts.RefundRequested>(e => e.OrderId == orderId, "RefundRequested");
        Assert.Equal((450L, _bakery), (refund.Amount.Minor, refund.ShopId));
        await _standIns.PublishAsync(new PaymentsContracts.RefundCompleted(_coop, refund.RefundId, orderId, _bakery, refund.Amount, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(
            async () => (await OrderAsync(customer, orderId)).GetProperty("refunds")[0].GetProperty("status").GetString() == "completed", "the refund recorded");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(_standIns.HeardOnce<OrderingContracts.RefundRequested>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task An_order_whose_stock_is_short_is_refused_and_shows_which_products()
    {
        // A product Ordering was told of but the real Catalog does not sell: Catalog refuses it too, whoever answers first
        var ghost = Guid.NewGuid();
        await _standIns.PublishAsync(new CatalogContracts.ProductListed(_coop, ghost, _bakery, "Pain du dimanche", null, new Money(450, "EUR"), 550, DateTimeOffset.UtcNow));
        var (customer, orderId) = await PlaceAsync(ghost, Pickup(_bakery));
        using var _ = customer;

        await _standIns.PublishAsync(new CatalogContracts.ReservationRefused(_coop, orderId, [new CatalogContracts.ShortLine(ghost, 1, 0)], DateTimeOffset.UtcNow));

        var cancelled = await _standIns.WaitForAsync<OrderingContracts.OrderCancelled>(e => e.OrderId == orderId, "OrderCancelled");
        Assert.Equal("stock-short", cancelled.Reason);
        var order = await OrderAsync(customer, orderId);
        Assert.Equal("stock-short", order.GetProperty("status").GetString());
        Assert.Equal(ghost, order.GetProperty("shortages")[0].GetProperty("productId").GetGuid());

        // A late "held" changes nothing
        await _standIns.PublishAsync(Held(orderId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("stock-short", (await OrderAsync(customer, orderId)).GetProperty("status").GetString());
        Assert.Empty(_standIns.Heard<OrderingContracts.OrderAwaitingPayment>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task Deadlines_are_rows_the_sweeper_acts_on_when_the_clock_passes_them()
    {
        // Given an order held and not paid, and another authorised whose dairy never answers
        var (unpaidCustomer, unpaid) = await PlaceAsync(Pickup(_bakery));
        var (customer, orderId) = await PlaceAsync(Pickup(_bakery), Pickup(_dairy));
        using var a = unpaidCustomer;
        using var b = customer;
        await _standIns.PublishAsync(Held(unpaid));
        await _standIns.PublishAsync(Held(orderId));
        await _standIns.PublishAsync(Authorised(orderId, 750));
        using var baker = Owner(_bakeryOwner);
        await Eventually.TrueAsync(async () => (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/accept", null)).StatusCode == HttpStatusCode.OK, "the bakery accepts");
        await Eventually.TrueAsync(async () => (await OrderAsync(unpaidCustomer, unpaid)).GetProperty("status").GetString() == "awaiting-payment", "held");

        // When the clock passes the payment deadline (30 min), then the answer deadline (2 h)
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var desk = ActivatorUtilities.CreateInstance<OrderDesk>(App.Ordering.Services, clock);
        await desk.SweepDueAsync(_coop, CancellationToken.None);
        Assert.Equal("awaiting-payment", (await OrderAsync(unpaidCustomer, unpaid)).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMinutes(31));
        await desk.SweepDueAsync(_coop, CancellationToken.None);
        Assert.Equal("awaiting-shops", (await OrderAsync(customer, orderId)).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMinutes(90));
        await desk.SweepDueAsync(_coop, CancellationToken.None);

        // Then the unpaid order is cancelled, and the unanswered part withdrawn so the accepted one is captured
        var unpaidView = await OrderAsync(unpaidCustomer, unpaid);
        Assert.Equal(("cancelled", "payment-timed-out"), (unpaidView.GetProperty("status").GetString(), unpaidView.GetProperty("endReason").GetString()));
        await _standIns.WaitForAsync<OrderingContracts.OrderCancelled>(e => e.OrderId == unpaid && e.Reason == "payment-timed-out", "OrderCancelled");
        var withdrawn = await _standIns.WaitForAsync<OrderingContracts.SubOrderWithdrawn>(e => e.OrderId == orderId, "SubOrderWithdrawn");
        Assert.Equal((_dairy, "unanswered"), (withdrawn.ShopId, withdrawn.Reason));
        Assert.Equal(450L, (await _standIns.WaitForAsync<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == orderId, "OrderReadyToCapture")).Amount.Minor);

        // And sweeping again changes nothing
        Assert.Equal(0, await desk.SweepDueAsync(_coop, CancellationToken.None));
    }

    [Fact]
    public async Task The_customer_cancels_an_order_or_one_part_of_it_until_its_shop_accepts()
    {
        // An order cancelled before payment
        var (first, early) = await PlaceAsync(Pickup(_bakery));
        using var f = first;
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/coops/{_coop}/orders/{early}/cancel", null)).StatusCode);
        Assert.Equal("cancelled-by-customer", (await _standIns.WaitForAsync<OrderingContracts.OrderCancelled>(e => e.OrderId == early, "OrderCancelled")).Reason);

        // One part of an authorised order cancelled, the other accepted: the accepted one is captured, and the order can no longer be cancelled
        var (customer, orderId) = await PlaceAsync(Pickup(_bakery), Pickup(_dairy));
        using var c = customer;
        await _standIns.PublishAsync(Held(orderId));
        await _standIns.PublishAsync(Authorised(orderId, 750));
        await Eventually.TrueAsync(async () => (await OrderAsync(customer, orderId)).GetProperty("status").GetString() == "awaiting-shops", "authorised");
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/coops/{_coop}/orders/{orderId}/shops/{_dairy}/cancel", null)).StatusCode);
        using var baker = Owner(_bakeryOwner);
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{_coop}/shops/{_bakery}/orders/{orderId}/accept", null)).StatusCode);
        Assert.Equal("cancelled-by-customer", (await _standIns.WaitForAsync<OrderingContracts.SubOrderWithdrawn>(e => e.OrderId == orderId, "SubOrderWithdrawn")).Reason);
        Assert.Equal(450L, (await _standIns.WaitForAsync<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == orderId, "OrderReadyToCapture")).Amount.Minor);
        var tooLate = await customer.PostAsync($"/api/coops/{_coop}/orders/{orderId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("order.not_cancellable", await CodeAsync(tooLate));
    }

    [Fact]
    public async Task Every_message_delivered_twice_and_shuffled_ends_as_a_clean_run_does()
    {
        // A clean run: held, authorised, the authorisation lapsing before any shop answered, the payment voided
        var (clean, cleanId) = await PlaceAsync(Pickup(_bakery), Pickup(_dairy));
        using var a = clean;
        foreach (var message in Process(cleanId))
        {
            await _standIns.PublishAsync(message);
            await Task.Delay(TimeSpan.FromMilliseconds(700));
        }

        await Eventually.TrueAsync(async () => (await OrderAsync(clean, cleanId)).GetProperty("history").GetArrayLength() == 7, "the clean run's end");

        // The same messages for another order, each delivered twice (same MessageId), in a shuffled order
        var (shuffled, shuffledId) = await PlaceAsync(Pickup(_bakery), Pickup(_dairy));
        using var b = shuffled;
        var deliveries = Process(shuffledId).Select(m => (Message: m, Id: Guid.NewGuid())).SelectMany(d => new[] { d, d }).ToList();
        foreach (var (message, id) in deliveries.OrderBy(_ => Random.Shared.Next()))
        {
            await _standIns.PublishAsync(message, id);
        }

        await Eventually.TrueAsync(async () => (await OrderAsync(shuffled, shuffledId)).GetProperty("history").GetArrayLength() >= 7, "the shuffled run's end");
        await _standIns.WaitForAsync<OrderingContracts.OrderAwaitingPayment>(e => e.OrderId == shuffledId, "OrderAwaitingPayment relayed");
        await _standIns.WaitForAsync<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == shuffledId, "OrderReadyToCapture relayed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // what a duplicate would have caused has had time to be relayed

        Assert.Equal(Comparable(await OrderAsync(clean, cleanId)), Comparable(await OrderAsync(shuffled, shuffledId)));
        Assert.Single(_standIns.HeardOnce<OrderingContracts.OrderAwaitingPayment>(e => e.OrderId == shuffledId));
        Assert.Single(_standIns.HeardOnce<OrderingContracts.OrderReadyToCapture>(e => e.OrderId == shuffledId));
        Assert.Equal(2, _standIns.HeardOnce<OrderingContracts.SubOrderWithdrawn>(e => e.OrderId == shuffledId).Count);
    }

    [Fact]
    public async Task An_admin_sets_how_long_customers_have_to_pay_and_shops_to_answer()
    {
        using var admin = App.OrderingClient(MarketplaceApp.Token($"{_coop}:admin"));
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/ordering/settings");
        Assert.Equal((30, 120, 0L), (settings.GetProperty("payWithinMinutes").GetInt32(), settings.GetProperty("answerWithinMinutes").GetInt32(), settings.GetProperty("version").GetInt64()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/coops/{_coop}/ordering/settings", new { payWithinMinutes = 15, answerWithinMinutes = 60, expectedVersion = 0 })).StatusCode);
        var stale = await admin.PutAsJsonAsync($"/api/coops/{_coop}/ordering/settings", new { payWithinMinutes = 20, answerWithinMinutes = 60, expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ordering.settings_version_stale", await CodeAsync(stale));
        var invalid = await admin.PutAsJsonAsync($"/api/coops/{_coop}/ordering/settings", new { payWithinMinutes = 0, answerWithinMinutes = 60, expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var (customer, orderId) = await PlaceAsync(Pickup(_bakery));
        using var _ = customer;
        await _standIns.PublishAsync(Held(orderId));
        var awaiting = await _standIns.WaitForAsync<OrderingContracts.OrderAwaitingPayment>(e => e.OrderId == orderId, "OrderAwaitingPayment");
        Assert.InRange(awaiting.PayBy - awaiting.PlacedAt, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    private IIntegrationEvent[] Process(Guid orderId) =>
    [
        Held(orderId),
        Authorised(orderId, 750),
        new PaymentsContracts.PaymentAuthorisationLapsing(_coop, orderId, DateTimeOffset.UtcNow.AddHours(1)),
        new PaymentsContracts.PaymentCancelled(_coop, orderId, DateTimeOffset.UtcNow),
    ];

    /// <summary>What must be the same whatever the order of delivery: statuses, reasons, amounts, the kinds of events.</summary>
    private static string Comparable(JsonElement order) => string.Join(
        '|',
        order.GetProperty("status").GetString(),
        order.GetProperty("endReason").ToString(),
        string.Join(',', order.GetProperty("subOrders").EnumerateArray().Select(s => $"{s.GetProperty("shopName").GetString()}:{s.GetProperty("status").GetString()}:{s.GetProperty("reason").GetString()}:{s.GetProperty("subtotal").GetProperty("minor").GetInt64()}").Order()),
        string.Join(',', order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()).Order()));

    private CatalogContracts.ReservationHeld Held(Guid orderId) =>
        new(_coop, orderId, [], DateTimeOffset.UtcNow.AddHours(3));

    private PaymentsContracts.PaymentAuthorised Authorised(Guid orderId, long minor) =>
        new(_coop, orderId, new Money(minor, "EUR"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(6));

    private Task<(HttpClient Customer, Guid OrderId)> PlaceAsync(params object[] shops) => PlaceAsync(null, shops);

    /// <param name="bread">What the bakery's line is (its bread when null).</param>
    private async Task<(HttpClient Customer, Guid OrderId)> PlaceAsync(Guid? bread, params object[] shops)
    {
        var customer = Customer(Guid.NewGuid());
        foreach (var shop in shops)
        {
            var id = (Guid)shop.GetType().GetProperty("shopId")!.GetValue(shop)!;
            await PutAsync(customer, id == _bakery ? bread ?? _bread : _cheese, 1);
        }

        var orderId = Guid.NewGuid();
        var placed = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(orderId, shops));
        if (placed.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // As a real client does: the same checkout again after the delay named (a busy machine, ADR 2).
            await Task.Delay(placed.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            placed = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(orderId, shops));
        }

        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        return (customer, orderId);
    }

    private async Task<JsonElement> OrderAsync(HttpClient customer, Guid orderId) =>
        await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/orders/{orderId}");

    private static object Request(Guid orderId, params object[] shops) => new { orderId, language = "fr", shops };

    private static object Pickup(Guid shop)
    {
        var start = Slot(days: 1, hour: 10);
        return new { shopId = shop, pickup = new { start, end = start.AddMinutes(30) } };
    }

    private static object Delivered(Guid shop) =>
        new { shopId = shop, delivery = new { line1 = "3 place du Marché", line2 = (string?)null, postcode = "38000", city = "Grenoble", country = "FR" } };

    /// <summary>A time <paramref name="days"/> from today at <paramref name="hour"/>:00 in Paris.</summary>
    private static DateTimeOffset Slot(int days, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddDays(days).AddHours(hour);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private HttpClient Customer(Guid id) => App.OrderingClient(MarketplaceApp.Token(id, $"{_coop}:customer"));

    private HttpClient Owner(Guid id) => App.OrderingClient(MarketplaceApp.Token(id, $"{_coop}:shop_owner"));

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private async Task PutAsync(HttpClient customer, Guid product, int quantity)
    {
        HttpResponseMessage? response = null;
        await Eventually.TrueAsync(
            async () =>
            {
                response = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{product}", new { quantity });
                return response.StatusCode != HttpStatusCode.NotFound;
            },
            $"Ordering knows product {product}");
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
    }
}
