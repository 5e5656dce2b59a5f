using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;

namespace Marketplace.IntegrationTests.Relay;

public sealed class RelayingEventsTests : MarketplaceTest
{
    private TenantId _a;
    private TenantId _b;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _a = await App.OnboardAsync();
        _b = await App.OnboardAsync();
    }

    [Fact]
    public async Task Event_of_cooperative_A_reaches_the_other_service_in_A_and_never_in_B()
    {
        var shopId = await App.RegisterShopAsync(_a, "Librairie du Port");

        var received = await App.Probe.WaitForAsync<CatalogContracts.ShopRegistered>(e => e.ShopId == shopId);
        Assert.Equal(_a, received.Message.Tenant);
        Assert.Equal(_a.Value, received.TenantHeader);
        await Eventually.TrueAsync(async () => await LoadOrderingShopAsync(_a, shopId) is not null, "Ordering's copy of the shop in A");

        Assert.Null(await LoadOrderingShopAsync(_b, shopId));
        await using var inB = OrderingSessions.QuerySession(_b);
        Assert.Equal(0, await inB.Query<OrderingShop>().CountAsync());
    }

    [Fact]
    public async Task Relayed_message_id_is_the_id_of_the_committed_event()
    {
        var shopId = await App.RegisterShopAsync(_a, "Cave Dupont");

        var received = await App.Probe.WaitForAsync<CatalogContracts.ShopRegistered>(e => e.ShopId == shopId);

        var eventId = await App.ScalarAsync<Guid>(TenantRegistry.DatabaseNameFor(_a),
            "select id from catalog.mt_events where stream_id = $1 and type = 'shop_registered'", shopId);
        Assert.Equal(eventId, received.MessageId);
    }

    [Fact]
    public async Task Same_message_delivered_twice_changes_state_once()
    {
        var shopId = Guid.NewGuid();
        var message = new CatalogContracts.ShopProfileChanged(_a, shopId, 2, "Fromagerie", true, [], [], true, false, null, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await Task.WhenAll(
            App.Probe.PublishAsync(message, messageId, _a.Value),
            App.Probe.PublishAsync(message, messageId, _a.Value));
        await App.Probe.PublishAsync(message, messageId, _a.Value);

        await Eventually.TrueAsync(async () => await LoadOrderingShopAsync(_a, shopId) is not null, "Ordering's copy of the shop");
        await Task.Delay(TimeSpan.FromSeconds(3)); // let the other deliveries be consumed (and anything they caused be relayed)
        await using var session = OrderingSessions.QuerySession(_a);
        Assert.Single(await session.Events.FetchStreamAsync(shopId));
        Assert.Single(await session.Query<ProcessedMessage>().Where(m => m.Id.EndsWith(messageId.ToString())).ToListAsync());
    }

    [Fact]
    public async Task Message_redelivered_to_a_consumer_that_appends_appends_once()
    {
        // Given a registered shop (Catalog's stream: registered, its profile)
        var shopId = await App.RegisterShopAsync(_a, "Quincaillerie");
        await Eventually.TrueAsync(async () => await CatalogEventCountAsync(_a, shopId) == 2, "the registration");
        var message = new OrderingContracts.ShopOpenedForOrders(_a, shopId, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        // When one more message reaches Catalog three times, two of them at once
        await Task.WhenAll(App.Probe.PublishAsync(message, messageId, _a.Value), App.Probe.PublishAsync(message, messageId, _a.Value));
        await App.Probe.PublishAsync(message, messageId, _a.Value);

        // Then its event is appended once (appending is not idempotent by itself)
        await Eventually.TrueAsync(async () => await CatalogEventCountAsync(_a, shopId) >= 3, "the appended event");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, await CatalogEventCountAsync(_a, shopId));
    }

    [Fact]
    public async Task Message_for_a_cooperative_not_prepared_yet_waits_in_the_waiting_room_and_is_consumed_once_prepared()
    {
        // Given a cooperative registered a moment ago, whose database Ordering has not prepared yet
        var tenant = MarketplaceApp.NewSlug();
        await App.DatabaseDdlAsync($"create database \"{TenantRegistry.DatabaseNameFor(tenant)}\"");
        var registry = App.Platform.Services.GetRequiredService<TenantRegistry>();
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(App.Infrastructure.Postgres) { Database = TenantRegistry.DatabaseNameFor(tenant) }.ConnectionString;
        await registry.RegisterAsync(tenant, connectionString, CancellationToken.None);
        try
        {
            // When a message for it reaches Ordering (as the founder's membership does while the services prepare)
            var shopId = Guid.NewGuid();
            var messageId = Guid.NewGuid();
            await App.Probe.PublishAsync(new CatalogContracts.ShopProfileChanged(tenant, shopId, 1, "Primeurs", true, [], [], true, false, null, DateTimeOffset.UtcNow), messageId, tenant.Value);

            // Then it waits in the waiting room (not spending its retries on the way to the _error queue)
            await Eventually.TrueAsync(() => ErrorQueueHoldsAsync("ordering-copy-shop-profile_waiting", messageId), "the message in the waiting queue");

            // And once Ordering has prepared the cooperative, it is consumed, once
            await App.Ordering.Services.GetRequiredService<CooperativeReadiness>().PrepareAsync(tenant, CancellationToken.None);
            await Eventually.TrueAsync(async () => await LoadOrderingShopAsync(tenant, shopId) is not null, "Ordering's copy of the shop");
            await using var session = OrderingSessions.QuerySession(tenant);
            Assert.Single(await session.Query<ProcessedMessage>().Where(m => m.Id.EndsWith(messageId.ToString())).ToListAsync());
            Assert.False(await ErrorQueueHoldsAsync("ordering-copy-shop-profile_error", messageId));
        }
        finally
        {
            await registry.RemoveAsync(tenant, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Message_whose_header_and_body_name_different_cooperatives_is_refused_and_changes_nothing()
    {
        var shopId = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await App.Probe.PublishAsync(new CatalogContracts.ShopProfileChanged(_a, shopId, 1, "Forged", true, [], [], true, false, null, DateTimeOffset.UtcNow), messageId, _b.Value);

        // Refused without retries: straight to the consumer's _error queue.
        await Eventually.TrueAsync(() => ErrorQueueHoldsAsync("ordering-copy-shop-profile_error", messageId), "the message in the error queue");
        Assert.Null(await LoadOrderingShopAsync(_a, shopId));
        Assert.Null(await LoadOrderingShopAsync(_b, shopId));
    }

    [Fact]
    public async Task Events_of_a_cooperative_are_published_in_commit_order()
    {
        var shops = new List<Guid>();
        for (var i = 0; i < 15; i++)
        {
            shops.Add(await App.RegisterShopAsync(_b, $"Shop {i}"));
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(App.Probe.Of<CatalogContracts.ShopRegistered>(e => shops.Contains(e.ShopId)).Count >= shops.Count),
            "all shops relayed");
        var relayed = App.Probe.Of<CatalogContracts.ShopRegistered>(e => shops.Contains(e.ShopId))
            .Select(r => ((CatalogContracts.ShopRegistered)r.Message).ShopId).Distinct().ToList();
        Assert.Equal(shops, relayed);
    }

    [Fact]
    public async Task Trace_of_the_request_continues_through_the_relay_and_the_broker()
    {
        var trace = ActivityTraceId.CreateRandom();
        using var client = App.CatalogClient(MarketplaceApp.Token($"{_a}:member"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/coops/{_a}/shops") { Content = JsonContent.Create(new { name = "Traced" }) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shopId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var received = await App.Probe.WaitForAsync<CatalogContracts.ShopRegistered>(e => e.ShopId == shopId);
        Assert.Equal(trace, received.TraceId);
    }

    private Task<long> CatalogEventCountAsync(TenantId tenant, Guid shopId) =>
        App.ScalarAsync<long>(TenantRegistry.DatabaseNameFor(tenant), "select count(*) from catalog.mt_events where stream_id = $1", shopId);

    private CooperativeSessions OrderingSessions => App.Ordering.Services.GetRequiredService<CooperativeSessions>();

    private async Task<OrderingShop?> LoadOrderingShopAsync(TenantId tenant, Guid shopId)
    {
        await using var session = OrderingSessions.QuerySession(tenant);
        return await session.LoadAsync<OrderingShop>(shopId);
    }

    private async Task<bool> ErrorQueueHoldsAsync(string queue, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = App.Infrastructure.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
            {
                if (message.BasicProperties.MessageId == messageId.ToString())
                {
                    return true;
                }
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // the error queue does not exist until the first fault
        }

        return false; // closing the channel requeues what was read
    }
}
