using Marketplace.Contracts;
using Marten;

namespace Marketplace.Platform.Notifications;

/// <summary>A consumer that writes mails to the outbox in its transaction, and wakes the outbox once they are committed.</summary>
internal abstract class MailingConsumer<T>(IDocumentStore store, MailOutbox outbox, TimeProvider clock, ILogger logger) : PlatformConsumer<T>(store, clock, logger)
    where T : class, IIntegrationEvent
{
    protected sealed override Task Committed(CancellationToken cancellationToken)
    {
        outbox.Wake();
        return Task.CompletedTask;
    }
}
