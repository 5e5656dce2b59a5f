using System.Collections.Concurrent;
using Marketplace.Contracts;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// When this process last appended events in each cooperative. Background work that only matters where
/// something happened (expiring holds) visits those cooperatives, not every registered one: the cost of a
/// sweep follows the activity, not the number of cooperatives.
/// </summary>
public sealed class CooperativeActivity(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAppend = new(StringComparer.Ordinal);

    public void Appended(string tenantId) => _lastAppend[tenantId] = clock.GetUtcNow();

    /// <summary>The cooperatives with an append since <paramref name="since"/>; older entries are forgotten.</summary>
    public IReadOnlyList<TenantId> ActiveSince(DateTimeOffset since)
    {
        var active = new List<TenantId>();
        foreach (var (tenantId, last) in _lastAppend)
        {
            if (last < since)
            {
                _lastAppend.TryRemove(new KeyValuePair<string, DateTimeOffset>(tenantId, last));
            }
            else if (TenantId.TryParse(tenantId, out var tenant))
            {
                active.Add(tenant);
            }
        }

        return active;
    }
}
