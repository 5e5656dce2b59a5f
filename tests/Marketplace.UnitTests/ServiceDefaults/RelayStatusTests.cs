using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.UnitTests.ServiceDefaults;

public class RelayStatusTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private readonly RelayStatus _status = new();

    [Fact]
    public async Task Relay_that_has_published_nothing_yet_is_healthy()
    {
        // When nothing was published nor failed
        var health = await Check();

        // Then the relay is healthy and nothing is known of it
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Null(_status.LastPublished);
        Assert.Null(_status.FailingSince);
    }

    [Fact]
    public async Task Relay_that_published_is_healthy()
    {
        // Given a publish
        _status.Published("coop_a", _clock.GetUtcNow());

        // When the health is checked long after
        _clock.Advance(TimeSpan.FromHours(1));
        var health = await Check();

        // Then it is healthy: a quiet relay is not a failing one
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromHours(1), _status.LastPublished);
    }

    [Fact]
    public async Task Relay_failing_for_less_than_a_minute_is_healthy()
    {
        // Given a relay failing for 59 seconds
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(59));

        // When the health is checked
        var health = await Check();

        // Then it is still healthy
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public async Task Relay_failing_for_more_than_a_minute_is_unhealthy()
    {
        // Given a relay failing for just over a minute, with retries failing in between
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(30));
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(31));

        // When the health is checked
        var health = await Check();

        // Then it is unhealthy: the first failure counts, not the latest
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
    }

    [Fact]
    public void Repeated_failures_keep_the_time_of_the_first()
    {
        // Given a failure, then another ten seconds later
        var first = _clock.GetUtcNow();
        _status.Failed("coop_a", first);
        _clock.Advance(TimeSpan.FromSeconds(10));
        _status.Failed("coop_a", _clock.GetUtcNow());

        // Then the relay is failing since the first
        Assert.Equal(first, _status.FailingSince);
    }

    [Fact]
    public async Task Success_after_failures_clears_FailingSince()
    {
        // Given a relay failing for two minutes
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(2));

        // When a publish succeeds
        _status.Published("coop_a", _clock.GetUtcNow());

        // Then it is no longer failing, and healthy
        Assert.Null(_status.FailingSince);
        Assert.Equal(_clock.GetUtcNow(), _status.LastPublished);
        Assert.Equal(HealthStatus.Healthy, (await Check()).Status);
    }

    [Fact]
    public async Task New_failure_after_a_success_counts_from_itself()
    {
        // Given a relay that failed, recovered, then fails again
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(5));
        _status.Published("coop_a", _clock.GetUtcNow());
        var again = _clock.GetUtcNow();
        _status.Failed("coop_a", again);

        // When the health is checked 30 seconds later
        _clock.Advance(TimeSpan.FromSeconds(30));
        var health = await Check();

        // Then the new failure is measured from its own start
        Assert.Equal(again, _status.FailingSince);
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    private Task<HealthCheckResult> Check() => new RelayHealthCheck(_status, _clock).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task One_database_failing_is_not_hidden_by_another_publishing()
    {
        // Given the relay of one database failing for two minutes
        _status.Failed("coop_a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(2));

        // When the relay of another database publishes
        _status.Published("coop_b", _clock.GetUtcNow());

        // Then the service is still not ready
        Assert.Equal(HealthStatus.Unhealthy, (await Check()).Status);
    }
}
