using Marketplace.Contracts;
using MassTransit;

namespace Marketplace.ServiceDefaults.Messaging;

public static class TenantHeader
{
    public const string Name = "marketplace-tenant";

    /// <summary>The message's cooperative, when its header and its contract agree; otherwise the message is refused.</summary>
    public static TenantId Verify<T>(ConsumeContext<T> context)
        where T : class, IIntegrationEvent
    {
        var header = context.Headers.Get<string>(Name);
        if (header is null || header != context.Message.Tenant.Value)
        {
            throw new TenantMismatchException(
                $"Message {context.MessageId} ({typeof(T).Name}) names cooperative '{context.Message.Tenant}' " +
                $"but its {Name} header says '{header ?? "(none)"}'.");
        }

        return context.Message.Tenant;
    }
}

/// <summary>Never retried: the message goes straight to the _error queue, having changed nothing.</summary>
public sealed class TenantMismatchException(string message) : Exception(message);
