using System.Collections.Concurrent;
using Marketplace.Contracts;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// The earliest deadline this process knows of in each cooperative (an order to cancel if unpaid, a shop's time to
/// answer). A sweeper takes the cooperatives whose deadline has come and nothing else, so its cost follows what is due,
/// not the number of cooperatives; after a visit it says when that cooperative is next due. Deadlines written by another
/// replica, or before a restart, are found by the sweeper's full pass over every cooperative.
/// </summary>
public sealed class CooperativeDeadlines
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    /// <summary>Something in <paramref name="tenant"/> falls due at <paramref name="at"/>; an earlier known deadline is kept.</summary>
    public void Due(TenantId tenant, DateTimeOffset at) =>
        _due.AddOrUpdate(tenant.Value, at, (_, known) => at < known ? at : known);

    /// <summary>The cooperatives whose deadline has come by <paramref name="now"/>, forgotten until told again.</summary>
    public IReadOnlyList<TenantId> TakeDue(DateTimeOffset now)
    {
        var due = new List<TenantId>();
        foreach (var (tenantId, at) in _due)
        {
            if (at <= now && _due.TryRemove(new KeyValuePair<string, DateTimeOffset>(tenantId, at)) && TenantId.TryParse(tenantId, out var tenant))
            {
                due.Add(tenant);
            }
        }

        return due;
    }
}
