using Marketplace.Contracts.Platform;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.IntegrationTests.Ordering;
using Marketplace.ServiceDefaults.Tenancy;
using Npgsql;
using Xunit.Abstractions;

namespace Marketplace.IntegrationTests.Relay;

/// <summary>
/// A replica shut down while it consumes (a deploy, a scale-in) hands back what it had not finished: every message is
/// handled, by it or by the replica that stays, and none is faulted into an _error queue on the way.
/// </summary>
[Collection(nameof(ServiceRestarts))]
public sealed class ServiceShutdownTests(ITestOutputHelper output) : MarketplaceTest
{
    private const int Messages = 600;

    [Fact]
    public async Task A_replica_stopped_mid_stream_loses_no_message_and_faults_none() => await StopMidStreamAsync(stuck: false);

    /// <summary>
    /// Its consumers are stuck on the database when it stops, longer than the bus waits for them: they are cancelled, and
    /// what they held goes back to the queue, not to _error.
    /// </summary>
    [Fact]
    public async Task A_replica_whose_consumers_outlive_its_shutdown_loses_no_message_and_faults_none() => await StopMidStreamAsync(stuck: true);

    private async Task StopMidStreamAsync(bool stuck)
    {
        var coop = await App.OnboardAsync();
        var database = TenantRegistry.DatabaseNameFor(coop);
        var replica = MarketplaceApp.CatalogReplica();
        var members = await MembersAsync();

        // A stream of changes of membership, both replicas consuming it; the second stops a little way in
        await Task.WhenAll(Enumerable.Range(0, Messages).Select(_ => App.Probe.PublishAsync(
            new MembershipChanged(coop, Guid.NewGuid(), ["member"], 1, DateTimeOffset.UtcNow), Guid.NewGuid(), coop.Value)));
        await Eventually.TrueAsync(async () => await MembersAsync() - members >= Messages / 10, "a tenth of the stream consumed");
        await using (var blocker = stuck ? await BlockMembersAsync(database) : null)
        {
            await replica.DisposeAsync();
        }

        var atStop = await MembersAsync() - members;

        // Every one is recorded in the end: a message faulted by the stopping replica would sit in _error, never recorded
        await Eventually.TrueAsync(async () => await MembersAsync() - members == Messages, $"all {Messages} memberships recorded", TimeSpan.FromSeconds(90));
        output.WriteLine($"{atStop} of {Messages} recorded when the replica had stopped");

        Task<long> MembersAsync() => App.ScalarAsync<long>(database, "select count(*) from catalog.mt_doc_cooperativemember");
    }

    /// <summary>A transaction that holds the members' table until disposed, and a moment for the consumers to pile up behind it.</summary>
    private async Task<NpgsqlConnection> BlockMembersAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(App.Infrastructure.Postgres) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("begin; lock table catalog.mt_doc_cooperativemember in exclusive mode", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        return connection;
    }
}
