using System.Collections.Concurrent;
using Marketplace.Contracts;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// When this process last did, in each cooperative, something that a sweeper must come back for (a hold that
/// will expire). The sweeper visits those cooperatives, not every registered one: its cost follows the
/// activity, not the number of cooperatives, and a cooperative with nothing pending is never touched.
/// </summary>
public sealed class CooperativeActivity(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAppend = new(StringComparer.Ordinal);

    public void Touched(TenantId tenant) => _lastAppend[tenant.Value] = clock.GetUtcNow();

    /// <summary>The cooperatives touched since <paramref name="since"/>; older entries are forgotten.</summary>
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
