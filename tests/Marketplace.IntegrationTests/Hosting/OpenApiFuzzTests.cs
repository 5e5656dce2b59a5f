using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>
/// No input yields a 5xx: every operation of every service's OpenAPI document (as the running service serves it, so a
/// new endpoint is fuzzed the day it is added) gets wrong types, nulls, control characters, huge and empty strings,
/// extreme numbers, odd ids and bad content types, signed in with every role of the cooperative and anonymous. Bounded
/// in time (MARKETPLACE_FUZZ_SECONDS per service, 45 by default); the cases and their order are fixed, so a failure replays.
/// </summary>
[Collection(FuzzingCollection.Name)]
public sealed class OpenApiFuzzTests(ITestOutputHelper output) : MarketplaceTest
{
    /// <summary>Cases each operation gets at the least (or all it has), so that no operation goes unfuzzed within the budget.</summary>
    private const int MinimumPerOperation = 40;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("MARKETPLACE_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 45);

    [Theory]
    [InlineData("platform")]
    [InlineData("catalog")]
    [InlineData("ordering")]
    [InlineData("governance")]
    [InlineData("payments")]
    public async Task No_input_to_any_operation_answers_a_server_error(string service)
    {
        // Given a cooperative with an approved shop, a product and an owner who holds every role
        var coop = await App.OnboardAsync();
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(coop, "Épicerie du fuzz", owner, approve: true);
        var product = await App.ListProductAsync(coop, shop, "Pâtes fraîches");
        var values = new Dictionary<string, string>
        {
            ["coop"] = coop.Value,
            ["shop"] = shop.ToString(),
            ["product"] = product.ToString(),
        };
        var token = MarketplaceApp.Token(owner, [.. new[] { "admin", "member", "shop_owner", "customer" }.Select(role => $"{coop}:{role}")]);
        var server = service switch
        {
            "platform" => App.Platform.Server,
            "catalog" => App.Catalog.Server,
            "ordering" => App.Ordering.Server,
            "governance" => App.Governance.Server,
            _ => App.Payments.Server,
        };
        using var signedIn = server.CreateClient();
        signedIn.DefaultRequestHeaders.Authorization = OpenApiFuzzer.Bearer(token);
        signedIn.Timeout = TimeSpan.FromSeconds(60);
        using var anonymous = server.CreateClient();
        anonymous.Timeout = TimeSpan.FromSeconds(60);
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var plan = new OpenApiFuzzer(document, values).Plan();

        // When every case is sent, round-robin over the operations, within the budget
        var outcome = await OpenApiFuzzer.RunAsync(plan, fuzzCase => fuzzCase.Anonymous ? anonymous : signedIn, Budget);
        output.WriteLine($"{service}: {OpenApiFuzzer.Summary(outcome)}");

        // Then no answer was a server error, and every operation had its share of cases
        Assert.NotEmpty(plan);
        Assert.True(outcome.Failures.Count == 0, string.Join('\n', outcome.Failures.Take(20).Select(OpenApiFuzzer.Describe)));
        foreach (var (operation, cases) in plan)
        {
            Assert.True(
                outcome.SentPerOperation[operation] >= Math.Min(cases.Count, MinimumPerOperation),
                $"{operation}: only {outcome.SentPerOperation[operation]} of {cases.Count} cases sent in {Budget.TotalSeconds} s");
        }
    }
}

/// <summary>
/// The fuzzer sends thousands of requests as fast as the services answer: it runs alone, so that its load is never
/// mistaken for another test's burst (on two busy cores it otherwise pushes a concurrent burst test's queue past its timeout).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzingCollection
{
    public const string Name = "Fuzzing";
}
