using System.Collections.Concurrent;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using MassTransit;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog;

/// <summary>
/// Hears what Catalog tells Ordering and Payments (a shop's profile, an order's hold or refusal) on the real broker, as
/// one more subscriber of its own; started once for the run.
/// </summary>
public sealed class CatalogAnswers
{
    private static readonly Lazy<Task<CatalogAnswers>> Shared = new(StartAsync);

    private readonly ConcurrentQueue<IIntegrationEvent> _received = new();

    public static Task<CatalogAnswers> GetAsync() => Shared.Value;

    public IReadOnlyList<T> Of<T>(Func<T, bool> match) => [.. _received.OfType<T>().Where(match)];

    public async Task<T> WaitForAsync<T>(Func<T, bool> match)
    {
        await Eventually.TrueAsync(() => Task.FromResult(Of(match).Count > 0), "a " + typeof(T).Name);
        return Of(match)[0];
    }

    private static async Task<CatalogAnswers> StartAsync()
    {
        var app = await MarketplaceApp.GetAsync();
        var answers = new CatalogAnswers();
        var bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(app.Infrastructure.RabbitMq);
            bus.ReceiveEndpoint($"it-catalog-answers-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.SetQueueArgument("x-expires", 600_000);
                endpoint.Consumer(() => new Recorder<CatalogContracts.ShopProfileChanged>(answers));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ReservationHeld>(answers));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ReservationRefused>(answers));
            });
        });
        await bus.StartAsync();
        return answers;
    }

    private sealed class Recorder<T>(CatalogAnswers answers) : IConsumer<T>
        where T : class, IIntegrationEvent
    {
        public Task Consume(ConsumeContext<T> context)
        {
            answers._received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
