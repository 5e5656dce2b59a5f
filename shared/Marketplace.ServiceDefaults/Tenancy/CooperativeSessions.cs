using System.Diagnostics;
using Marketplace.Contracts;
using Marten;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// The only way service code opens a Marten session on a cooperative's database: the tenant is always
/// named, never taken from ambient state. Cross-tenant queries are for platform admin code only.
/// </summary>
public sealed class CooperativeSessions(IDocumentStore store)
{
    /// <summary>The event header that carries the W3C trace context from the write to the relay's publish.</summary>
    public const string TraceParentHeader = "traceparent";

    public IDocumentSession OpenSession(TenantId tenant)
    {
        var session = store.LightweightSession(tenant.Value);
        if (Activity.Current is { } activity)
        {
            session.SetHeader(TraceParentHeader, activity.Id!);
        }

        return session;
    }

    public IQuerySession QuerySession(TenantId tenant) => store.QuerySession(tenant.Value);
}
