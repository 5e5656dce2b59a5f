using System.Reflection;
using System.Text.Json;
using Stripe;

namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>
/// Every answer of the sandbox has the shape of Stripe's own example object for its resource (stripe-fixtures.json,
/// from stripe/openapi): every member of the example that Stripe.net maps is there, with the same JSON type when both
/// have a value (Stripe's nullable members may be null), and so on inside nested objects.
/// </summary>
public sealed class ResponseShapeTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly JsonElement Fixtures = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StripeSandbox", "stripe-fixtures.json"))).RootElement.GetProperty("resources");

    private readonly StripeClient _client = fixture.Server.Client();

    [Fact]
    public async Task Every_resource_answers_in_stripes_shape()
    {
        // Given one of each object the sandbox makes, in the states that fill their optional members
        var accounts = new AccountService(_client);
        var account = await accounts.CreateAsync(new AccountCreateOptions { Type = "express", Email = "shape@example.org" });
        var link = await new AccountLinkService(_client).CreateAsync(new AccountLinkCreateOptions { Account = account.Id, Type = "account_onboarding", RefreshUrl = "https://x.example/r", ReturnUrl = "https://x.example/d" });
        using (var tests = fixture.Server.Http())
        {
            (await tests.PostAsync($"/sandbox/accounts/{account.Id}/onboard", null)).EnsureSuccessStatusCode();
        }

        var intents = new PaymentIntentService(_client);
        var created = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 2000, Currency = "eur", CaptureMethod = "manual", TransferGroup = "shape" });
        await Assert.ThrowsAsync<StripeException>(() => intents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" }));
        var declined = await intents.GetAsync(created.Id);
        var authenticating = await intents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_authenticationRequired", ReturnUrl = "https://x.example/back" });
        var other = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur", CaptureMethod = "manual" });
        var cancelled = await intents.CancelAsync(other.Id);
        using (var tests = fixture.Server.Http())
        {
            (await tests.PostAsync($"/sandbox/payment_intents/{created.Id}/succeed", null)).EnsureSuccessStatusCode();
        }

        var captured = await intents.CaptureAsync(created.Id);
        var charge = (await intents.GetAsync(created.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge;
        var transfer = await new TransferService(_client).CreateAsync(new TransferCreateOptions { Amount = 1500, Currency = "eur", Destination = account.Id, SourceTransaction = charge.Id, TransferGroup = "shape" });
        var reversal = await new TransferReversalService(_client).CreateAsync(transfer.Id, new TransferReversalCreateOptions { Amount = 100 });
        var reversed = await new TransferService(_client).GetAsync(transfer.Id);
        var refund = await new RefundService(_client).CreateAsync(new RefundCreateOptions { PaymentIntent = created.Id, Amount = 100 });
        var refundedCharge = (await intents.GetAsync(created.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge;
        var transaction = await new BalanceTransactionService(_client).GetAsync(charge.BalanceTransactionId);
        var stripeEvent = (await new EventService(_client).ListAsync(new EventListOptions { Limit = 1 })).Single();

        // Then each is shaped as Stripe's example of its resource
        var answers = new (string Resource, Type Mapped, StripeEntity Entity)[]
        {
            ("account", typeof(Account), await accounts.GetAsync(account.Id)),
            ("account_link", typeof(AccountLink), link),
            ("payment_intent", typeof(PaymentIntent), created),
            ("payment_intent", typeof(PaymentIntent), declined),
            ("payment_intent", typeof(PaymentIntent), authenticating),
            ("payment_intent", typeof(PaymentIntent), cancelled),
            ("payment_intent", typeof(PaymentIntent), captured),
            ("charge", typeof(Charge), charge),
            ("charge", typeof(Charge), refundedCharge),
            ("transfer", typeof(Transfer), transfer),
            ("transfer", typeof(Transfer), reversed),
            ("transfer_reversal", typeof(TransferReversal), reversal),
            ("refund", typeof(Refund), refund),
            ("balance_transaction", typeof(BalanceTransaction), transaction),
            ("event", typeof(Event), stripeEvent),
        };
        var differences = new List<string>();
        foreach (var (resource, mapped, entity) in answers)
        {
            var json = entity.RawJsonElement ?? JsonDocument.Parse(entity.StripeResponse.Content).RootElement;
            var names = MappedNames(mapped);
            Assert.Contains("created", names);
            Compare(Fixtures.GetProperty(resource), json, names, resource, differences);
            Assert.Equal(resource, json.GetProperty("object").GetString());
            Assert.Equal(JsonValueKind.Number, json.GetProperty("created").ValueKind);
            Assert.True(!Fixtures.GetProperty(resource).TryGetProperty("livemode", out _) || !json.GetProperty("livemode").GetBoolean(), $"{resource} is live");
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void The_comparison_notices_a_missing_member_and_a_wrong_type()
    {
        var example = JsonDocument.Parse("""{"amount":1,"status":"x","nested":{"a":"b"},"ignored":1}""").RootElement;
        var answer = JsonDocument.Parse("""{"amount":"1","nested":{}}""").RootElement;
        var differences = new List<string>();

        Compare(example, answer, new HashSet<string> { "amount", "status", "nested" }, "thing", differences);

        Assert.Equal(["thing.amount: String where Stripe has Number", "thing.status is missing", "thing.nested.a is missing"], differences);
    }

    /// <summary>The JSON names Stripe.net reads for a type (public or internal properties: expandable fields map through internal ones).</summary>
    private static HashSet<string> MappedNames(Type type) =>
        [.. type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(property => property.CustomAttributes)
            .Where(attribute => attribute.AttributeType.Name is "JsonPropertyAttribute" or "JsonPropertyNameAttribute" && attribute.ConstructorArguments.Count == 1)
            .Select(attribute => (string)attribute.ConstructorArguments[0].Value!)];

    private static void Compare(JsonElement example, JsonElement answer, HashSet<string>? mapped, string path, List<string> differences)
    {
        foreach (var member in example.EnumerateObject())
        {
            if (mapped is not null && !mapped.Contains(member.Name))
            {
                continue;
            }

            var where = $"{path}.{member.Name}";
            if (!answer.TryGetProperty(member.Name, out var value))
            {
                differences.Add($"{where} is missing");
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (Kind(member.Value) != Kind(value))
            {
                differences.Add($"{where}: {value.ValueKind} where Stripe has {member.Value.ValueKind}");
            }
            else if (value.ValueKind == JsonValueKind.Object && !where.EndsWith(".metadata", StringComparison.Ordinal) && where != "event.data.object")
            {
                Compare(member.Value, value, null, where, differences);
            }
            else if (value.ValueKind == JsonValueKind.Array && member.Value.GetArrayLength() > 0 && value.GetArrayLength() > 0)
            {
                var (first, mine) = (member.Value[0], value[0]);
                if (Kind(first) != Kind(mine))
                {
                    differences.Add($"{where}[0]: {mine.ValueKind} where Stripe has {first.ValueKind}");
                }
                else if (mine.ValueKind == JsonValueKind.Object)
                {
                    Compare(first, mine, null, $"{where}[0]", differences);
                }
            }
        }
    }

    private static JsonValueKind Kind(JsonElement element) => element.ValueKind is JsonValueKind.True ? JsonValueKind.False : element.ValueKind;
}
