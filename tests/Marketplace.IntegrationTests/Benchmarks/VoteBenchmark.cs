using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Governance.Proposals;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Benchmarks.LoadFigures;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// A general assembly's vote: 1,000 members vote on one proposal at the same moment (each with a token of their own,
/// through Governance's HTTP API and its real store), then the proposal is closed and counted. Prints votes a second,
/// latencies and the close's time beside pgbench's single-row inserts on the same server; asserts behaviour, never a
/// time: no 5xx, every member's vote taken once, and the tally's turnout equal to the number of distinct voters.
/// Run: dotnet test tests/Marketplace.IntegrationTests --filter "FullyQualifiedName~VoteBenchmark"
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(Benchmarks))]
public sealed class VoteBenchmark(ITestOutputHelper output) : MarketplaceTest
{
    private const int Members = 1_000;

    [Fact]
    public async Task A_thousand_members_vote_at_once_and_the_tally_counts_each_once()
    {
        var coop = await App.OnboardAsync();
        var sessions = App.Governance.Services.GetRequiredService<CooperativeSessions>();
        var members = Enumerable.Range(0, Members).Select(_ => Guid.NewGuid()).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in members.Chunk(250))
        {
            await using var session = sessions.OpenSession(coop);
            foreach (var member in chunk)
            {
                session.Events.StartStream<Member>(member, new MemberAdmitted(member, $"Membre {member:N}"[..15], "members", null, null, now));
            }

            await session.SaveChangesAsync();
        }

        using var admin = App.GovernanceClient(MarketplaceApp.Token($"{coop}:admin"));
        var opened = await admin.PostAsJsonAsync($"/api/coops/{coop}/governance/proposals", new { kind = "motion", title = "Assemblée générale" });
        opened.EnsureSuccessStatusCode();
        var proposal = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var clients = members.Select(m => App.GovernanceClient(MarketplaceApp.Token(m))).ToList();
        string[] choices = ["for", "against", "abstain"];

        var started = Stopwatch.StartNew();
        var sent = await AllAtOnceAsync(Members, i => SendAsync(clients[i], () => new HttpRequestMessage(HttpMethod.Post, $"/api/coops/{coop}/governance/proposals/{proposal}/ballots")
        {
            Content = new StringContent($"{{\"choice\":\"{choices[i % 3]}\"}}", Encoding.UTF8, "application/json"),
        }));
        var seconds = started.Elapsed.TotalSeconds;
        clients.ForEach(c => c.Dispose());

        var desk = App.Governance.Services.GetRequiredService<GovernanceDesk>();
        var tally = Stopwatch.StartNew();
        var closed = await desk.DecideAsync(coop, proposal, p => ProposalRules.Sweep(p, p.ClosesAt), CancellationToken.None);
        tally.Stop();
        var outcome = closed.State!.Outcome!;
        var pgbench = await Pgbench.InsertsPerSecondAsync(App, 8, TimeSpan.FromSeconds(5), output);

        var line = Invariant(
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} votes members={Members} {Counts(sent.Select(s => s.Final))} votes={Members / seconds:F0}/s {Latencies(sent.Select(s => s.Milliseconds))} | close+tally={tally.Elapsed.TotalMilliseconds:F0} ms turnout={outcome.TookPart} | pgbench inserts={pgbench:F0}/s votes-ratio={Ratio(Members / seconds, pgbench ?? double.NaN)} load={LoadAverage()}");
        output.WriteLine(line);
        await AppendResultAsync(line);

        Assert.All(sent, s => Assert.Equal(200, s.Final));
        Assert.Equal(Members, outcome.TookPart);
        Assert.Equal(Members, closed.State.Ballots.Select(b => b.Voter).Distinct().Count());
        Assert.Equal([334, 333, 333], [outcome.Colleges[0].For, outcome.Colleges[0].Against, outcome.Colleges[0].Abstain]);
    }
}
