using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Governance;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.IntegrationTests.Governance;

/// <summary>
/// Members vote on proposals through the Governance API, with the real PostgreSQL: statutes with weighted colleges,
/// admissions, one vote per member under concurrent repeats, proxies, the close at the deadline on a moved clock, the
/// published record that anyone recounts, and the hash chain that finds an altered ballot.
/// </summary>
public sealed class VotingTests : MarketplaceTest
{
    private readonly ShiftedClock _clock = new();
    private WebApplicationFactory<GovernanceService> _governance = null!;
    private TenantId _coop;
    private readonly Guid _admin = Guid.NewGuid();
    private readonly Dictionary<string, Guid> _members = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _governance = App.GovernanceWithClock(_clock, _coop);
    }

    public override async Task DisposeAsync()
    {
        await _governance.DisposeAsync();
        await base.DisposeAsync();
    }

    private HttpClient Client(Guid account, string? role = null)
    {
        var client = _governance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", MarketplaceApp.Token(account, role is null ? [] : [$"{_coop}:{role}"]));
        return client;
    }

    private HttpClient Admin() => Client(_admin, "admin");

    private string Route(string path = "") => $"/api/coops/{_coop}/governance{path}";

    /// <summary>Shops 50 %, customers 30 %, workers 20 %; quorum 50 %; abstentions not counted; one proxy each.</summary>
    private async Task SetScicStatutesAsync(bool secret = false)
    {
        using var admin = Admin();
        using var response = await admin.PutAsJsonAsync(Route("/statutes"), new
        {
            expectedVersion = 0,
            statutes = new
            {
                colleges = new[]
                {
                    new { key = "shops", nameFr = "Boutiques", nameEn = "Shops", weight = 50 },
                    new { key = "customers", nameFr = "Clients", nameEn = "Customers", weight = 30 },
                    new { key = "workers", nameFr = "Salariés", nameEn = "Workers", weight = 20 },
                },
                quorumPercent = 50,
                majorities = new { feeChange = "simple", admission = "simple", statutes = "twoThirds", motion = "simple" },
                abstentionsCountAgainst = false,
                votingDays = 7,
                maxProxies = 1,
                secretBallot = secret,
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AdmitAsync(string name, string college, Guid? account = null)
    {
        account ??= Guid.NewGuid();
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync(Route("/members"), new { accountId = account, name, college });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _members[name] = account.Value;
    }

    private async Task<Guid> OpenAsync(object proposal)
    {
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync(Route("/proposals"), proposal);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> VoteAsync(string member, Guid proposal, string choice, string? onBehalfOf = null)
    {
        using var client = Client(_members[member]);
        return await client.PostAsJsonAsync(Route($"/proposals/{proposal}/ballots"), new { choice, onBehalfOf = onBehalfOf is null ? (Guid?)null : _members[onBehalfOf] });
    }

    private async Task<JsonElement> ReadAsync(Guid proposal, string path = "")
    {
        using var admin = Admin();
        return await admin.GetFromJsonAsync<JsonElement>(Route($"/proposals/{proposal}{path}"));
    }

    private async Task<JsonElement> ClosedAsync(Guid proposal)
    {
        _clock.Offset += TimeSpan.FromDays(8);
        JsonElement view = default;
        await Eventually.TrueAsync(async () => (view = await ReadAsync(proposal)).GetProperty("status").GetString() == "closed", "the proposal closed by the sweeper");
        return view;
    }

    private async Task TenMembersAsync()
    {
        await SetScicStatutesAsync();
        foreach (var (name, college) in new[]
        {
            ("Boulangerie", "shops"), ("Fromagerie", "shops"), ("Primeur", "shops"),
            ("Alice", "customers"), ("Bruno", "customers"), ("Chloé", "customers"), ("Driss", "customers"),
            ("Emma", "workers"), ("Farid", "workers"), ("Gaëlle", "workers"),
        })
        {
            await AdmitAsync(name, college);
        }
    }

    [Fact]
    public async Task Members_vote_by_college_and_the_weighted_result_is_recorded_with_its_figures_at_the_deadline()
    {
        await TenMembersAsync();
        var proposal = await OpenAsync(new { kind = "motion", title = "Ouvrir le dimanche matin", text = "Les boutiques ouvrent de 9 h à 12 h." });
        // Shops 2 for 1 against; customers 1 for 3 against; workers 2 for, one changes to abstain
        foreach (var (member, choice) in new[]
        {
            ("Boulangerie", "for"), ("Fromagerie", "for"), ("Primeur", "against"),
            ("Alice", "for"), ("Bruno", "against"), ("Chloé", "against"), ("Driss", "against"),
            ("Emma", "for"), ("Farid", "against"), ("Farid", "abstain"),
        })
        {
            using var voted = await VoteAsync(member, proposal, choice);
            Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        }

        var open = await ReadAsync(proposal);
        Assert.Equal(9, open.GetProperty("tookPart").GetInt32());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("outcome").ValueKind); // no running tally before the close

        var closed = await ClosedAsync(proposal);

        // 50·⅔ + 30·¼ + 20·1 = 60.83 %: adopted; 9 of 10 took part (quorum 50 %)
        var outcome = closed.GetProperty("outcome");
        Assert.True(outcome.GetProperty("adopted").GetBoolean());
        Assert.Equal(6_083, outcome.GetProperty("forShare").GetInt32());
        Assert.Equal(9, outcome.GetProperty("tookPart").GetInt32());
        Assert.Equal([(2, 1, 0), (1, 3, 0), (1, 0, 1)], outcome.GetProperty("colleges").EnumerateArray()
            .Select(c => (c.GetProperty("for").GetInt32(), c.GetProperty("against").GetInt32(), c.GetProperty("abstain").GetInt32())));
        // A public ballot shows who voted what once closed
        Assert.Contains(closed.GetProperty("votes").EnumerateArray(), v => v.GetProperty("name").GetString() == "Farid" && v.GetProperty("choice").GetString() == "abstain");
        // And no vote is taken after the deadline
        using var late = await VoteAsync("Gaëlle", proposal, "for");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("proposal.closed", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_vote_sent_many_times_at_once_counts_once_and_the_record_recounts_to_the_same_result()
    {
        await TenMembersAsync();
        var proposal = await OpenAsync(new { kind = "motion", title = "Fête du quartier" });

        var sends = _members.Keys.SelectMany(member => Enumerable.Repeat(member, 5)).Select(async member =>
        {
            using var voted = await VoteAsync(member, proposal, member.Length % 2 == 0 ? "for" : "against");
            return voted.StatusCode;
        });
        var statuses = await Task.WhenAll(sends);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var closed = await ClosedAsync(proposal);
        var record = await ReadAsync(proposal, "/record");
        var ballots = record.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "ballot").ToList();
        Assert.Equal(10, ballots.Count); // the repeats changed nothing
        // Anyone recounts from the record alone: per college, the last ballot of each voter, weighted
        var electorate = record.GetProperty("electorate").EnumerateArray().ToList();
        double weighted = 0, weights = 0;
        foreach (var college in electorate)
        {
            var last = ballots.Where(b => b.GetProperty("college").GetString() == college.GetProperty("college").GetString())
                .GroupBy(b => b.GetProperty("voter").GetString()).Select(g => g.Last().GetProperty("choice").GetString()).ToList();
            var expressed = last.Count(c => c is "for" or "against");
            if (expressed > 0)
            {
                weighted += college.GetProperty("weight").GetInt32() * (double)last.Count(c => c == "for") / expressed;
                weights += college.GetProperty("weight").GetInt32();
            }
        }

        Assert.Equal((int)Math.Floor(weighted / weights * 10_000), closed.GetProperty("outcome").GetProperty("forShare").GetInt32());
        Assert.Equal(closed.GetProperty("head").GetString(), record.GetProperty("head").GetString());
    }

    [Fact]
    public async Task A_proxy_votes_for_its_giver_in_the_same_college_and_cannot_be_taken_back_once_used()
    {
        await TenMembersAsync();
        var proposal = await OpenAsync(new { kind = "motion", title = "Horaires d'hiver" });
        using (var alice = Client(_members["Alice"]))
        {
            using var otherCollege = await alice.PutAsJsonAsync(Route($"/proposals/{proposal}/proxy"), new { holder = _members["Emma"] });
            Assert.Equal(HttpStatusCode.BadRequest, otherCollege.StatusCode);
            using var given = await alice.PutAsJsonAsync(Route($"/proposals/{proposal}/proxy"), new { holder = _members["Bruno"] });
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }

        using (var byProxy = await VoteAsync("Bruno", proposal, "for", onBehalfOf: "Alice"))
        {
            Assert.Equal(HttpStatusCode.OK, byProxy.StatusCode);
        }

        using (var notHeld = await VoteAsync("Chloé", proposal, "against", onBehalfOf: "Alice"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notHeld.StatusCode);
        }

        using (var alice = Client(_members["Alice"]))
        {
            using var withdrawn = await alice.DeleteAsync(Route($"/proposals/{proposal}/proxy"));
            Assert.Equal(HttpStatusCode.Conflict, withdrawn.StatusCode);
            var mine = await alice.GetFromJsonAsync<JsonElement>(Route($"/proposals/{proposal}"));
            Assert.Equal("for", mine.GetProperty("me").GetProperty("choice").GetString());
            Assert.Equal(_members["Bruno"], mine.GetProperty("me").GetProperty("castBy").GetGuid());
        }
    }

    [Fact]
    public async Task Non_members_and_other_cooperatives_cannot_vote_and_a_secret_ballot_shows_no_names()
    {
        await SetScicStatutesAsync(secret: true);
        await AdmitAsync("Ana", "shops");
        await AdmitAsync("Ben", "customers");
        var proposal = await OpenAsync(new { kind = "motion", title = "Vote secret" });
        var other = await App.OnboardAsync();

        using (var stranger = Client(Guid.NewGuid(), "member"))
        {
            using var refused = await stranger.PostAsJsonAsync(Route($"/proposals/{proposal}/ballots"), new { choice = "for" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var otherAdmin = _governance.CreateClient())
        {
            otherAdmin.DefaultRequestHeaders.Authorization = new("Bearer", MarketplaceApp.Token(_members["Ana"], $"{other}:admin"));
            // Ana's account, signed in as another cooperative's admin, votes in that cooperative: not a member there
            using var elsewhere = await otherAdmin.PostAsJsonAsync($"/api/coops/{other}/governance/proposals/{proposal}/ballots", new { choice = "for" });
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        }

        (await VoteAsync("Ana", proposal, "for")).Dispose();
        (await VoteAsync("Ben", proposal, "against")).Dispose();
        var closed = await ClosedAsync(proposal);
        var record = await ReadAsync(proposal, "/record");

        Assert.Equal(JsonValueKind.Null, closed.GetProperty("votes").ValueKind);
        var voters = record.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "ballot").Select(e => e.GetProperty("voter").GetString()!).ToList();
        Assert.Equal(2, voters.Count);
        Assert.All(voters, v => Assert.StartsWith("v-", v, StringComparison.Ordinal));
        Assert.DoesNotContain("Ana", record.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altering_a_stored_ballot_breaks_the_hash_chain_and_verification_says_where()
    {
        await SetScicStatutesAsync();
        await AdmitAsync("Ana", "shops");
        await AdmitAsync("Ben", "shops");
        var proposal = await OpenAsync(new { kind = "motion", title = "Chaîne" });
        (await VoteAsync("Ana", proposal, "against")).Dispose();
        (await VoteAsync("Ben", proposal, "for")).Dispose();
        var intact = await ReadAsync(proposal, "/verification");
        Assert.True(intact.GetProperty("intact").GetBoolean());
        Assert.Equal(3, intact.GetProperty("events").GetInt32());

        // Someone with access to the database turns Ana's "against" into "for"
        await using (var session = App.Governance.Services.GetRequiredService<CooperativeSessions>().OpenSession(_coop))
        {
            var changed = await session.AdvancedSql.QueryAsync<int>(
                "with altered as (update governance.mt_events set data = jsonb_set(data, '{Choice}', '\"for\"') where stream_id = ? and version = 2 returning 1) select count(*)::int from altered",
                CancellationToken.None, proposal);
            Assert.Equal([1], changed);
        }

        var broken = await ReadAsync(proposal, "/verification");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(2, broken.GetProperty("firstBroken").GetInt32());
    }

    [Fact]
    public async Task An_adopted_admission_makes_a_member_and_bad_statutes_are_refused_field_by_field()
    {
        await SetScicStatutesAsync();
        await AdmitAsync("Ana", "shops");
        using (var admin = Admin())
        {
            using var bad = await admin.PutAsJsonAsync(Route("/statutes"), new
            {
                expectedVersion = 1,
                statutes = new
                {
                    colleges = new[] { new { key = "Shops!", nameFr = "B", nameEn = "S", weight = 70 } },
                    quorumPercent = 150,
                    majorities = new { feeChange = "most", admission = "simple", statutes = "twoThirds", motion = "simple" },
                    abstentionsCountAgainst = false,
                    votingDays = 0,
                    maxProxies = 1,
                    secretBallot = false,
                },
            });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Contains(errors, e => e.Contains("quorumPercent", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("votingDays", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("colleges", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("feeChange", StringComparison.Ordinal));
        }

        var newcomer = Guid.NewGuid();
        var proposal = await OpenAsync(new { kind = "admission", title = "Admettre la cave", admission = new { accountId = newcomer, name = "La Cave", college = "shops" } });
        (await VoteAsync("Ana", proposal, "for")).Dispose();
        await ClosedAsync(proposal);

        using var member = Client(newcomer);
        var me = await member.GetFromJsonAsync<JsonElement>(Route("/members/me"));
        Assert.Equal("shops", me.GetProperty("college").GetString());
        Assert.Equal(proposal, me.GetProperty("proposalId").GetGuid());
    }

    [Fact]
    public async Task Members_are_mailed_when_a_vote_opens_reminded_a_day_before_the_close_if_silent_and_told_the_result()
    {
        await SetScicStatutesAsync();
        var anaEmail = AccountsApi.NewEmail("ana");
        var benEmail = AccountsApi.NewEmail("ben");
        await AdmitAsync("Ana", "shops", await App.SignUpAsync(anaEmail, language: "fr", displayName: "Ana Lopes"));
        await AdmitAsync("Ben", "customers", await App.SignUpAsync(benEmail, language: "en", displayName: "Ben Hall"));

        var proposal = await OpenAsync(new { kind = "motion", title = "Marché de Noël" });
        var opened = await MailAsync(anaEmail, "Vote ouvert : Marché de Noël");
        Assert.Contains($"/fr/coops/{_coop}/governance/proposals/{proposal}", opened.TextBody, StringComparison.Ordinal);
        await MailAsync(benEmail, "Vote open: Marché de Noël");
        (await VoteAsync("Ana", proposal, "for")).Dispose();

        // Half a day before the close: only Ben, who has not voted, is reminded
        _clock.Offset += TimeSpan.FromDays(6.5);
        await MailAsync(benEmail, "One day left to vote: Marché de Noël");
        _clock.Offset += TimeSpan.FromDays(1);
        await MailAsync(anaEmail, "Adoptée : Marché de Noël");
        var decided = await MailAsync(benEmail, "Adopted: Marché de Noël");
        Assert.Contains("1 of 2 member(s) voted", decided.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(MailsTo(anaEmail), m => m.Subject!.StartsWith("Plus qu'un jour", StringComparison.Ordinal));
        Assert.Equal(3, MailsTo(benEmail).Count);
    }

    private List<MimeMessage> MailsTo(string email) =>
        App.Mail.Received()
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => !AccountsApi.IsConfirmationMail(m))
            .ToList();

    private async Task<MimeMessage> MailAsync(string email, string subject)
    {
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(email).Any(m => m.Subject == subject)), $"the mail \"{subject}\" to {email}");
        return MailsTo(email).Single(m => m.Subject == subject);
    }
}
