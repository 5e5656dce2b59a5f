using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// The Platform's counterpart of <see cref="CooperativeConsumer{T}"/>: the Platform keeps its data (accounts,
/// mail) in the platform database, not in the cooperative's, so the message is recorded there, in the same
/// transaction as its effect. The key names the cooperative too, since this one store hears every cooperative's
/// messages. The tenant header must match the contract, as everywhere.
/// </summary>
public abstract partial class PlatformConsumer<T>(IDocumentStore store, TimeProvider clock, ILogger logger) : IConsumer<T>
    where T : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var tenant = TenantHeader.Verify(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException("A relayed message always has a MessageId.");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Tenant"] = tenant.Value, ["MessageId"] = messageId });

        await using var session = store.LightweightSession();
        var key = $"{ConsumerNameAttribute.Of(GetType())}:{tenant}:{messageId}";
        if (await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null)
        {
            LogDuplicate(messageId, key);
            return;
        }

        await Handle(context.Message, tenant, key, session, context.CancellationToken);
        // Insert, not store: two concurrent deliveries cannot both commit (unique key), the loser is retried and skips.
        session.Insert(new ProcessedMessage(key, typeof(T).Name, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
        await Committed(context.CancellationToken);
    }

    /// <param name="key">Unique to this consumer and message: a prefix for the ids of what it writes.</param>
    protected abstract Task Handle(T message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken);

    protected DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>After the effect is committed (e.g. wake whoever acts on it).</summary>
    protected virtual Task Committed(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} already processed ({Key}); ignored")]
    private partial void LogDuplicate(Guid messageId, string key);
}
