using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Base of every consumer that changes a cooperative's state. It refuses a message whose tenant header
/// and contract disagree, works in the message's cooperative only, and records the message id in the
/// same Marten transaction as the effect: delivered twice, a message changes state once.
/// What the effect causes goes out through the relay, like any other committed event.
/// </summary>
public abstract class CooperativeConsumer<T>(CooperativeSessions sessions, TimeProvider clock, ILogger logger) : IConsumer<T>
    where T : class, IIntegrationEvent
{
    /// <summary>The consumer's logger, for what a derived consumer logs itself.</summary>
    protected ILogger Logger => logger;

    public async Task Consume(ConsumeContext<T> context)
    {
        var tenant = TenantHeader.Verify(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException("A relayed message always has a MessageId.");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Tenant"] = tenant.Value, ["MessageId"] = messageId });

        if (StreamOf(context.Message) is { } stream)
        {
            // The message's stream (an order, a payment) is written by one consumer or request at a time (StreamGate).
            await StreamGate.OneAtATimeAsync(tenant.Value, stream, () => HandleOnceAsync(context, tenant, messageId), context.CancellationToken);
        }
        else
        {
            await HandleOnceAsync(context, tenant, messageId);
        }
    }

    /// <summary>The stream the message changes, when it changes one that others write too; null: no turn is taken.</summary>
    protected virtual Guid? StreamOf(T message) => null;

    /// <summary>
    /// A message for a cooperative this service has not prepared yet (onboarded a moment ago: the founder's membership
    /// is announced while each service is still applying its schema) waits in the waiting room like any message that
    /// came early, instead of spending its quick retries and landing in the _error queue.
    /// </summary>
    private async Task HandleOnceAsync(ConsumeContext<T> context, TenantId tenant, Guid messageId)
    {
        try
        {
            await HandleOnceInPreparedAsync(context, tenant, messageId);
        }
        catch (Exception exception) when (exception is not NotReadyYetException && Unavailability.Of(exception) == Unavailability.NotReady)
        {
            throw new NotReadyYetException($"Cooperative {tenant} is not prepared by this service yet.", exception);
        }
    }

    private async Task HandleOnceInPreparedAsync(ConsumeContext<T> context, TenantId tenant, Guid messageId)
    {
        await using var session = sessions.OpenSession(tenant);
        var key = $"{ConsumerNameAttribute.Of(GetType())}:{messageId}";
        if (await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null)
        {
            ConsumerLog.Duplicate(logger, messageId, key);
            return;
        }

        await Handle(context.Message, tenant, session, context.CancellationToken);
        // Insert, not store: two concurrent deliveries cannot both commit (unique key), the loser is retried and skips.
        session.Insert(new ProcessedMessage(key, typeof(T).Name, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }

    protected abstract Task Handle(T message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken);
}

internal static partial class ConsumerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} already processed ({Key}); ignored")]
    public static partial void Duplicate(ILogger logger, Guid messageId, string key);
}
