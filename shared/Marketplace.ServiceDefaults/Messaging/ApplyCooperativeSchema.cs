using Marketplace.Contracts.Platform;
using Marketplace.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// A new cooperative's database gets this service's schema (idempotent, so redelivery is harmless);
/// the daemon finds the database at its next registry poll and starts relaying there.
/// </summary>
[ConsumerName("apply-cooperative-schema")]
public sealed partial class ApplyCooperativeSchema(CooperativeReadiness readiness, ILogger<ApplyCooperativeSchema> logger) : IConsumer<CooperativeOnboarded>
{
    public async Task Consume(ConsumeContext<CooperativeOnboarded> context)
    {
        var tenant = TenantHeader.Verify(context);
        await readiness.PrepareAsync(tenant, context.CancellationToken);
        LogApplied(tenant.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema applied in cooperative {Tenant}")]
    private partial void LogApplied(string tenant);
}
