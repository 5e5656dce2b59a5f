using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// The event store is the outbox. This Marten subscription runs per database under the async daemon and
/// publishes each committed event's integration event, in sequence order, with MessageId = the event's
/// id: a re-publish after a crash is a duplicate that consumers drop, never a new message. A transport
/// error is retried here until the broker takes the message; the daemon's stored progress only moves
/// past a page once every message of it is confirmed.
/// </summary>
internal sealed partial class IntegrationEventRelay : SubscriptionBase
{
    private readonly IBus _bus;
    private readonly IIntegrationEventMapper _mapper;
    private readonly RelayStatus _status;
    private readonly TimeProvider _clock;
    private readonly ILogger<IntegrationEventRelay> _logger;

    public IntegrationEventRelay(
        IBus bus, IIntegrationEventMapper mapper, RelayStatus status, TimeProvider clock, ILogger<IntegrationEventRelay> logger)
    {
        _bus = bus;
        _mapper = mapper;
        _status = status;
        _clock = clock;
        _logger = logger;
        Name = "integration-event-relay";
    }

    internal static readonly ActivitySource Source = new("Marketplace.Relay");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // With master-table tenancy the database's identifier is the cooperative's registry key;
        // the platform database has none that parses as a slug.
#pragma warning disable CS0618 // Identifier is obsolete in favour of Id, which names the server and database instead
        TenantId? database = TenantId.TryParse(operations.Database.Identifier, out var tenant) ? tenant : null;
#pragma warning restore CS0618
        foreach (var @event in page.Events)
        {
            if (database is { } stored && @event.TenantId != stored.Value)
            {
                throw new TenantMismatchException($"Event {@event.Id} in the database of '{stored}' is tagged '{@event.TenantId}'.");
            }

            if (_mapper.Map(@event, database) is not { } message)
            {
                continue;
            }

            if (database is { } owner && message.Tenant != owner)
            {
                // A bug, not a transient fault: stop the relay rather than tell another cooperative.
                throw new TenantMismatchException(
                    $"Event {@event.Id} in cooperative '{owner}' maps to a message for '{message.Tenant}'.");
            }

            await PublishUntilConfirmed(@event, message, operations.Database.Id.Identity, cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishUntilConfirmed(IEvent @event, IIntegrationEvent message, string databaseKey, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(@event, message);
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                await _bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context =>
                {
                    context.MessageId = @event.Id;
                    context.Headers.Set(TenantHeader.Name, message.Tenant.Value);
                    context.Durable = true;
                }), timeout.Token);
                _status.Published(databaseKey, _clock.GetUtcNow());
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _status.Failed(databaseKey, _clock.GetUtcNow());
                LogPublishFailed(e, message.GetType().Name, @event.Id, message.Tenant.Value, attempt, backoff);
                await Task.Delay(backoff, _clock, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay could not publish {MessageType} {MessageId} for {Tenant} (attempt {Attempt}); retrying in {Backoff}")]
    private partial void LogPublishFailed(Exception exception, string messageType, Guid messageId, string tenant, int attempt, TimeSpan backoff);

    /// <summary>Continues the trace of the request that appended the event, across the asynchronous hop.</summary>
    private static Activity? StartActivity(IEvent @event, IIntegrationEvent message)
    {
        var parent = @event.Headers?.TryGetValue(CooperativeSessions.TraceParentHeader, out var value) == true
            && ActivityContext.TryParse(value?.ToString(), null, out var context)
                ? context
                : default;
        var activity = Source.StartActivity($"relay {message.GetType().Name}", ActivityKind.Producer, parent);
        activity?.SetTag("marketplace.tenant", message.Tenant.Value);
        activity?.SetTag("messaging.message.id", @event.Id.ToString());
        return activity;
    }
}

/// <summary>
/// What the readiness probe knows of the relay, per database: one cooperative's relay stuck is not
/// hidden by another's successes.
/// </summary>
public sealed class RelayStatus
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failingSince = new(StringComparer.Ordinal);
    private long _lastSuccessTicks;

    public DateTimeOffset? LastPublished => Interlocked.Read(ref _lastSuccessTicks) is var ticks and not 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    /// <summary>The earliest failure still unresolved in any database, if any.</summary>
    public DateTimeOffset? FailingSince => _failingSince.IsEmpty ? null : _failingSince.Values.Min();

    internal void Published(string database, DateTimeOffset now)
    {
        Interlocked.Exchange(ref _lastSuccessTicks, now.UtcTicks);
        _failingSince.TryRemove(database, out _);
    }

    internal void Failed(string database, DateTimeOffset now) => _failingSince.TryAdd(database, now);
}
