using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Payments;

/// <summary>
/// The cooperative's fee policy through the gateway: every cooperative has the default from its start, its admin sets
/// new versions, its members read them, and nobody else does either.
/// </summary>
public sealed class FeePolicyTests : GatewayTest
{
    private TenantId _coop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
    }

    [Fact]
    public async Task A_new_cooperative_has_the_default_policy_as_version_0_without_anyone_setting_it()
    {
        using var member = Gateway.Client(MarketplaceApp.Token($"{_coop}:member"));

        var policy = await ReadAsync(member);

        Assert.Equal(0, policy.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("effectiveSince").ValueKind);
        Assert.Equal(500, policy.GetProperty("feeRate").GetInt32());
        Assert.Equal("excludingVat", policy.GetProperty("feeBase").GetString());
        Assert.Equal(2000, policy.GetProperty("feeVatRate").GetInt32());
        Assert.Equal("cooperative", policy.GetProperty("stripeRefundFeeBorneBy").GetString());
        Assert.Equal(0, Assert.Single(policy.GetProperty("history").EnumerateArray()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_admin_sets_new_versions_from_now_on_and_members_see_the_history_grow()
    {
        using var admin = Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"));
        using var customer = Gateway.Client(MarketplaceApp.Token($"{_coop}:customer"));
        var before = DateTimeOffset.UtcNow;

        using var first = await admin.PutAsJsonAsync(Route, Body(0, feeRate: 800, feeBase: "includingVat", borneBy: "shop"));
        using var second = await admin.PutAsJsonAsync(Route, Body(1, feeRate: 650));
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var policy = await ReadAsync(customer);
        Assert.Equal(2, policy.GetProperty("version").GetInt32());
        Assert.Equal(650, policy.GetProperty("feeRate").GetInt32());
        var history = policy.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], history.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([500, 800, 650], history.Select(v => v.GetProperty("feeRate").GetInt32()));
        Assert.Equal(["excludingVat", "includingVat", "excludingVat"], history.Select(v => v.GetProperty("feeBase").GetString()));
        Assert.Equal(["cooperative", "shop", "cooperative"], history.Select(v => v.GetProperty("stripeRefundFeeBorneBy").GetString()));
        var effective = history.Skip(1).Select(v => v.GetProperty("effectiveSince").GetDateTimeOffset()).ToList();
        Assert.All(effective, at => Assert.InRange(at, before.AddSeconds(-1), after.AddSeconds(1)));
        Assert.True(effective[0] <= effective[1]);
        Assert.Equal(policy.GetProperty("effectiveSince").GetDateTimeOffset(), effective[1]);
        Assert.Equal(JsonValueKind.String, history[1].GetProperty("setBy").ValueKind);
        // The PUT answered the policy as it now stands.
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Sending_the_terms_in_force_again_adds_no_version()
    {
        using var admin = Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Route, Body(0, feeRate: 700))).StatusCode);

        // The same request again, as a client whose first answer was lost would send it
        using var again = await admin.PutAsJsonAsync(Route, Body(0, feeRate: 700));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await ReadAsync(admin)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("member")]
    [InlineData("shop_owner")]
    [InlineData("customer")]
    public async Task Only_an_admin_sets_the_policy_and_a_refused_change_changes_nothing(string role)
    {
        using var client = Gateway.Client(MarketplaceApp.Token($"{_coop}:{role}"));

        using var response = await client.PutAsJsonAsync(Route, Body(0, feeRate: 9_000));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, (await ReadAsync(client)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Another_cooperatives_admin_neither_reads_nor_sets_this_ones_policy()
    {
        var other = await App.OnboardAsync();
        using var otherAdmin = Gateway.Client(MarketplaceApp.Token($"{other}:admin"));

        using var read = await otherAdmin.GetAsync(Route);
        using var set = await otherAdmin.PutAsJsonAsync(Route, Body(0, feeRate: 9_000));
        using var anonymous = Gateway.Client();
        using var anonymousRead = await anonymous.GetAsync(Route);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        using var member = Gateway.Client(MarketplaceApp.Token($"{_coop}:member"));
        Assert.Equal(0, (await ReadAsync(member)).GetProperty("version").GetInt32());
        // Its own policy is its own: still the default there too.
        Assert.Equal(0, (await otherAdmin.GetFromJsonAsync<JsonElement>($"/api/coops/{other}/payments/fee-policy")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Invalid_terms_are_refused_field_by_field_with_codes_and_change_nothing()
    {
        using var admin = Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"));

        using var response = await admin.PutAsJsonAsync(Route, new
        {
            expectedVersion = -1,
            feeRate = 10_001,
            feeBase = "withVat",
            feeVatRate = -5,
            stripeRefundFeeBorneBy = "customer",
        });
        using var missing = await admin.PutAsJsonAsync(Route, new { expectedVersion = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("range", codes.GetProperty("expectedVersion")[0].GetString());
        Assert.Equal("range", codes.GetProperty("feeRate")[0].GetString());
        Assert.Equal("fee.base", codes.GetProperty("feeBase")[0].GetString());
        Assert.Equal("range", codes.GetProperty("feeVatRate")[0].GetString());
        Assert.Equal("fee.refund_fee_bearer", codes.GetProperty("stripeRefundFeeBorneBy")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingCodes = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal(["feeBase", "feeRate", "feeVatRate", "stripeRefundFeeBorneBy"], missingCodes.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(missingCodes.EnumerateObject(), field => Assert.Equal("required", field.Value[0].GetString()));
        Assert.Equal(0, (await ReadAsync(admin)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_refused_with_409_and_its_code()
    {
        using var admin = Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"));
        using var otherAdmin = Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Route, Body(0, feeRate: 600))).StatusCode);

        // Another admin, who read version 0, sends other terms
        using var stale = await otherAdmin.PutAsJsonAsync(Route, Body(0, feeRate: 400));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("fee.version_conflict", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var policy = await ReadAsync(admin);
        Assert.Equal(1, policy.GetProperty("version").GetInt32());
        Assert.Equal(600, policy.GetProperty("feeRate").GetInt32());
    }

    [Fact]
    public async Task Of_concurrent_changes_from_the_same_version_exactly_one_wins()
    {
        var admins = Enumerable.Range(0, 6).Select(_ => Gateway.Client(MarketplaceApp.Token($"{_coop}:admin"))).ToList();

        var answers = await Task.WhenAll(admins.Select((client, i) => client.PutAsJsonAsync(Route, Body(0, feeRate: 100 + i))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, (await ReadAsync(admins[0])).GetProperty("version").GetInt32());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        foreach (var client in admins)
        {
            client.Dispose();
        }
    }

    private string Route => $"/api/coops/{_coop}/payments/fee-policy";

    private static object Body(int expectedVersion, int feeRate, string feeBase = "excludingVat", int feeVatRate = 2000, string borneBy = "cooperative") =>
        new { expectedVersion, feeRate, feeBase, feeVatRate, stripeRefundFeeBorneBy = borneBy };

    private async Task<JsonElement> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
