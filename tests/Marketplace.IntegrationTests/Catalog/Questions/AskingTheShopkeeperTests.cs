using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog.Questions;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests.Catalog.Questions;

/// <summary>Two cooperatives for the whole class; each test has a shop and a product of its own.</summary>
public sealed class TwoCooperatives : IAsyncLifetime
{
    public TenantId Coop { get; private set; }

    public TenantId OtherCoop { get; private set; }

    public async Task InitializeAsync()
    {
        var app = await MarketplaceApp.GetAsync();
        Coop = await app.OnboardAsync();
        OtherCoop = await app.OnboardAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class AskingTheShopkeeperTests(TwoCooperatives cooperatives) : MarketplaceTest, IClassFixture<TwoCooperatives>
{
    private readonly TenantId _coop = cooperatives.Coop;
    private readonly TenantId _otherCoop = cooperatives.OtherCoop;
    private readonly Guid _owner = Guid.NewGuid();
    private readonly Guid _customer = Guid.NewGuid();
    private Guid _shop;
    private Guid _product;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _shop = await App.ApprovedShopAsync(_coop, "Épicerie Martin", _owner);
        _product = await App.ProductAsync(_coop, _shop, "Huile d'olive", "Olive oil");
    }

    private HttpClient Owner() => App.CatalogClient(QuestionsApi.TokenFor(_owner, $"{_coop}:shop_owner"));

    /// <summary>A customer of another cooperative: signed in, with no role in this one.</summary>
    private HttpClient Customer() => App.CatalogClient(QuestionsApi.TokenFor(_customer, $"{_otherCoop}:customer"));

    [Fact]
    public async Task Customer_asks_the_shop_answers_in_its_name_and_everyone_sees_the_answer()
    {
        using var customer = Customer();
        using var owner = Owner();
        using var anonymous = App.CatalogClient();

        var asked = await customer.AskedAsync(_coop, _product, "  Est-elle pressée à froid ?  ");

        Assert.Equal("Est-elle pressée à froid ?", asked.GetProperty("text").GetString());
        Assert.Equal(_product, asked.GetProperty("productId").GetGuid());
        Assert.Equal(_shop, asked.GetProperty("shopId").GetGuid());
        Assert.Equal("Épicerie Martin", asked.GetProperty("shopName").GetString());
        Assert.Equal(JsonValueKind.Null, asked.GetProperty("answer").ValueKind);
        Assert.True(asked.GetProperty("mine").GetBoolean());
        Assert.Empty(await anonymous.ProductQuestionsAsync(_coop, _product)); // not answered yet
        var inbox = await owner.ShopQuestionsAsync(_coop, _shop, "unanswered");
        Assert.Equal(asked.Id(), Assert.Single(inbox).Id());

        var answered = await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, première pression à froid.");

        var answer = answered.GetProperty("answer");
        Assert.Equal("Oui, première pression à froid.", answer.GetProperty("text").GetString());
        Assert.Equal("Épicerie Martin", answer.GetProperty("shopName").GetString());
        Assert.False(answered.GetProperty("private").GetBoolean());
        var shown = Assert.Single(await anonymous.ProductQuestionsAsync(_coop, _product));
        Assert.Equal(asked.Id(), shown.Id());
        Assert.Equal("Oui, première pression à froid.", shown.GetProperty("answer").GetProperty("text").GetString());
        Assert.False(shown.GetProperty("mine").GetBoolean());
        Assert.True(Assert.Single(await customer.ProductQuestionsAsync(_coop, _product)).GetProperty("mine").GetBoolean());
        Assert.Empty(await owner.ShopQuestionsAsync(_coop, _shop, "unanswered"));
        Assert.Single(await owner.ShopQuestionsAsync(_coop, _shop, "answered"));
    }

    [Fact]
    public async Task Nobody_learns_who_asked_nor_who_answered()
    {
        using var customer = Customer();
        using var owner = Owner();
        using var anonymous = App.CatalogClient();
        var asked = await customer.AskedAsync(_coop, _product, "Quelle est l'origine des olives ?");
        await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Des Alpilles.");

        var bodies = new[]
        {
            await anonymous.GetStringAsync($"/api/coops/{_coop}/products/{_product}/questions"),
            await owner.GetStringAsync($"/api/coops/{_coop}/shops/{_shop}/questions"),
            asked.GetRawText(),
        };

        foreach (var body in bodies)
        {
            Assert.DoesNotContain(_customer.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(_owner.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("asker", body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Private_answers_are_never_listed_publicly()
    {
        using var customer = Customer();
        using var owner = Owner();
        using var anonymous = App.CatalogClient();
        var asked = await customer.AskedAsync(_coop, _product, "Pouvez-vous m'en garder deux bouteilles ?");

        var answered = await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, à votre nom jusqu'à samedi.", isPrivate: true);

        Assert.True(answered.GetProperty("private").GetBoolean());
        Assert.Empty(await anonymous.ProductQuestionsAsync(_coop, _product));
        Assert.Empty(await customer.ProductQuestionsAsync(_coop, _product));
        var kept = Assert.Single(await owner.ShopQuestionsAsync(_coop, _shop, "answered"));
        Assert.True(kept.GetProperty("private").GetBoolean());

        // Made public, it shows; made private again, it is gone again.
        await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, à votre nom jusqu'à samedi.", isPrivate: false);
        Assert.Single(await anonymous.ProductQuestionsAsync(_coop, _product));
        await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, à votre nom jusqu'à samedi.", isPrivate: true);
        Assert.Empty(await anonymous.ProductQuestionsAsync(_coop, _product));
    }

    [Fact]
    public async Task Answering_again_edits_the_answer_as_an_event_and_the_same_answer_changes_nothing()
    {
        using var customer = Customer();
        using var owner = Owner();
        var asked = await customer.AskedAsync(_coop, _product, "Existe-t-il en bidon de 5 litres ?");
        var first = await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Non.");

        var edited = await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, sur commande.");
        var again = await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, sur commande.");

        Assert.Equal(JsonValueKind.Null, first.GetProperty("answer").GetProperty("editedAt").ValueKind);
        Assert.Equal("Oui, sur commande.", edited.GetProperty("answer").GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("answer").GetProperty("editedAt").ValueKind);
        Assert.Equal(first.GetProperty("answer").GetProperty("answeredAt").GetDateTimeOffset(), edited.GetProperty("answer").GetProperty("answeredAt").GetDateTimeOffset());
        Assert.Equal(edited.GetRawText(), again.GetRawText());
        await using var session = App.Catalog.Services.GetRequiredService<CooperativeSessions>().QuerySession(_coop);
        var events = await session.Events.FetchStreamAsync(asked.Id());
        Assert.Equal([typeof(QuestionAsked), typeof(QuestionAnswered), typeof(QuestionAnswerEdited)], events.Select(e => e.Data.GetType()));
        Assert.Equal(_owner, ((QuestionAnswerEdited)events[2].Data).EditedBy); // the account is kept, internally
    }

    [Fact]
    public async Task Shop_inbox_lists_the_oldest_unanswered_first_then_the_answered()
    {
        using var customer = Customer();
        using var owner = Owner();
        var first = await customer.AskedAsync(_coop, _product, "Première question ?");
        var second = await customer.AskedAsync(_coop, _product, "Deuxième question ?");
        var third = await customer.AskedAsync(_coop, _product, "Troisième question ?");
        await owner.AnsweredAsync(_coop, _shop, second.Id(), "Réponse.", isPrivate: true);

        var all = await owner.ShopQuestionsAsync(_coop, _shop);
        var unanswered = await owner.ShopQuestionsAsync(_coop, _shop, "unanswered");
        var answered = await owner.ShopQuestionsAsync(_coop, _shop, "answered");

        Assert.Equal([first.Id(), third.Id(), second.Id()], all.Select(q => q.Id()));
        Assert.Equal([first.Id(), third.Id()], unanswered.Select(q => q.Id()));
        Assert.Equal([second.Id()], answered.Select(q => q.Id()));
        Assert.Equal(all.Select(q => q.Id()), (await owner.ShopQuestionsAsync(_coop, _shop, "all")).Select(q => q.Id()));
    }

    [Fact]
    public async Task Product_page_lists_newest_first()
    {
        using var customer = Customer();
        using var owner = Owner();
        var older = await customer.AskedAsync(_coop, _product, "Plus ancienne ?");
        var newer = await customer.AskedAsync(_coop, _product, "Plus récente ?");
        await owner.AnsweredAsync(_coop, _shop, newer.Id(), "Oui.");
        await owner.AnsweredAsync(_coop, _shop, older.Id(), "Oui.");

        var shown = await App.CatalogClient().ProductQuestionsAsync(_coop, _product);

        Assert.Equal([newer.Id(), older.Id()], shown.Select(q => q.Id()));
    }

    [Fact]
    public async Task Admin_of_the_cooperative_may_answer_and_the_answer_is_still_in_the_shops_name()
    {
        using var customer = Customer();
        using var admin = App.CatalogClient(QuestionsApi.TokenFor(Guid.NewGuid(), $"{_coop}:admin"));
        var asked = await customer.AskedAsync(_coop, _product, "Est-ce bio ?");

        var answered = await admin.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, certifié AB.");

        Assert.Equal("Épicerie Martin", answered.GetProperty("answer").GetProperty("shopName").GetString());
        Assert.Single(await admin.ShopQuestionsAsync(_coop, _shop));
    }

    [Fact]
    public async Task Member_who_does_not_own_the_shop_gets_403_answering_and_listing()
    {
        using var customer = Customer();
        var asked = await customer.AskedAsync(_coop, _product, "Livrez-vous le dimanche ?");
        using var member = App.CatalogClient(QuestionsApi.TokenFor(Guid.NewGuid(), $"{_coop}:member"));
        // The shop_owner role in the cooperative is not ownership of this shop.
        using var someOwner = App.CatalogClient(QuestionsApi.TokenFor(Guid.NewGuid(), $"{_coop}:shop_owner"));

        foreach (var caller in new[] { member, someOwner, customer })
        {
            var answering = await caller.AnswerAsync(_coop, _shop, asked.Id(), "Oui.");
            var listing = await caller.GetAsync($"/api/coops/{_coop}/shops/{_shop}/questions");
            Assert.Equal(HttpStatusCode.Forbidden, answering.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, listing.StatusCode);
            Assert.Equal("application/problem+json", answering.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = App.CatalogClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.AnswerAsync(_coop, _shop, asked.Id(), "Oui.")).StatusCode);
        Assert.Equal(JsonValueKind.Null, Assert.Single(await Owner().ShopQuestionsAsync(_coop, _shop)).GetProperty("answer").ValueKind);
    }

    [Fact]
    public async Task Owner_of_another_shop_gets_403_and_cannot_answer_through_their_own_shop_either()
    {
        using var customer = Customer();
        var asked = await customer.AskedAsync(_coop, _product, "Avez-vous du vinaigre balsamique ?");
        var rival = Guid.NewGuid();
        var rivalShop = await App.ApprovedShopAsync(_coop, "Épicerie d'en face", rival);
        using var rivalClient = App.CatalogClient(QuestionsApi.TokenFor(rival, $"{_coop}:shop_owner"));

        var onTheShop = await rivalClient.AnswerAsync(_coop, _shop, asked.Id(), "Venez chez nous !");
        var throughOwnShop = await rivalClient.AnswerAsync(_coop, rivalShop, asked.Id(), "Venez chez nous !");

        Assert.Equal(HttpStatusCode.Forbidden, onTheShop.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughOwnShop.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rivalClient.GetAsync($"/api/coops/{_coop}/shops/{_shop}/questions")).StatusCode);
        Assert.Empty(await rivalClient.ShopQuestionsAsync(_coop, rivalShop));
        Assert.Equal(JsonValueKind.Null, Assert.Single(await Owner().ShopQuestionsAsync(_coop, _shop)).GetProperty("answer").ValueKind);
    }

    [Fact]
    public async Task Another_cooperative_sees_nothing_of_this_ones_questions()
    {
        using var customer = Customer();
        var asked = await customer.AskedAsync(_coop, _product, "Question dans la première coopérative ?");
        using var otherAdmin = App.CatalogClient(QuestionsApi.TokenFor(Guid.NewGuid(), $"{_otherCoop}:admin"));

        // The other cooperative's admin, on this cooperative's routes: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.GetAsync($"/api/coops/{_coop}/shops/{_shop}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.AnswerAsync(_coop, _shop, asked.Id(), "Non.")).StatusCode);
        // The same ids under the other cooperative's routes: not there.
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.AnswerAsync(_otherCoop, _shop, asked.Id(), "Non.")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/api/coops/{_otherCoop}/products/{_product}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.AskAsync(_otherCoop, _product, "Et ici, il existe ?")).StatusCode);
        await using var session = App.Catalog.Services.GetRequiredService<CooperativeSessions>().QuerySession(_otherCoop);
        Assert.Equal(0, await session.Query<Question>().CountAsync());
    }

    [Fact]
    public async Task Product_must_exist_and_be_on_sale_and_the_caller_signed_in()
    {
        using var customer = Customer();
        var archived = await App.ProductAsync(_coop, _shop, "Ancien produit", "Old product");
        await App.ArchiveAsync(_coop, _shop, archived);
        var pendingShop = await RegisterPendingShopAsync();
        var ofPendingShop = await App.ProductAsync(_coop, pendingShop, "Pas encore", "Not yet");

        Assert.Equal(HttpStatusCode.NotFound, (await customer.AskAsync(_coop, Guid.NewGuid(), "Produit inconnu ?")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.AskAsync(_coop, archived, "Produit archivé ?")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.AskAsync(_coop, ofPendingShop, "Boutique non approuvée ?")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.CatalogClient().GetAsync($"/api/coops/{_coop}/products/{Guid.NewGuid()}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CatalogClient().AskAsync(_coop, _product, "Sans être connecté ?")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Owner().AnswerAsync(_coop, _shop, Guid.NewGuid(), "Question inconnue.")).StatusCode);
    }

    [Theory]
    [InlineData("Quoi")]
    [InlineData("   Quoi   ")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Question_too_short_is_a_field_error(string? text)
    {
        using var customer = Customer();

        var response = await customer.PostAsJsonAsync($"/api/coops/{_coop}/products/{_product}/questions", new { text });

        await AssertFieldErrorAsync(response, "text");
    }

    [Fact]
    public async Task Question_too_long_is_a_field_error_and_1000_characters_are_fine()
    {
        using var customer = Customer();

        await AssertFieldErrorAsync(await customer.AskAsync(_coop, _product, new string('a', 1001)), "text");
        Assert.Equal(HttpStatusCode.Created, (await customer.AskAsync(_coop, _product, new string('a', 1000))).StatusCode);
    }

    [Fact]
    public async Task Answer_of_the_wrong_length_and_an_unknown_status_are_field_errors()
    {
        using var customer = Customer();
        using var owner = Owner();
        var asked = await customer.AskedAsync(_coop, _product, "Une question valable ?");

        await AssertFieldErrorAsync(await owner.AnswerAsync(_coop, _shop, asked.Id(), "   "), "text");
        await AssertFieldErrorAsync(await owner.AnswerAsync(_coop, _shop, asked.Id(), new string('b', 2001)), "text");
        await AssertFieldErrorAsync(await owner.GetAsync($"/api/coops/{_coop}/shops/{_shop}/questions?status=pending"), "status");
        await AssertFieldErrorAsync(
            await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/questions/{asked.Id()}/answer", new { text = "Oui.", @private = false, askerId = Guid.NewGuid() }),
            "askerId");
        Assert.Equal("Oui.", (await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui.")).GetProperty("answer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task At_most_five_unanswered_questions_per_person_and_product()
    {
        using var customer = Customer();
        using var owner = Owner();
        var asked = new List<JsonElement>();
        for (var i = 1; i <= Question.MaxOpenPerAskerAndProduct; i++)
        {
            asked.Add(await customer.AskedAsync(_coop, _product, $"Question numéro {i} ?"));
        }

        var sixth = await customer.AskAsync(_coop, _product, "Une sixième question ?");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("application/problem+json", sixth.Content.Headers.ContentType?.MediaType);
        var problem = await sixth.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        // Someone else may still ask, and so may the same person on another product, or once one is answered.
        using var neighbour = App.CatalogClient(QuestionsApi.TokenFor(Guid.NewGuid(), $"{_coop}:customer"));
        Assert.Equal(HttpStatusCode.Created, (await neighbour.AskAsync(_coop, _product, "Et moi, je peux ?")).StatusCode);
        var other = await App.ProductAsync(_coop, _shop, "Vinaigre", "Vinegar");
        Assert.Equal(HttpStatusCode.Created, (await customer.AskAsync(_coop, other, "Et sur ce produit ?")).StatusCode);
        await owner.AnsweredAsync(_coop, _shop, asked[0].Id(), "Réponse.");
        Assert.Equal(HttpStatusCode.Created, (await customer.AskAsync(_coop, _product, "Une sixième question ?")).StatusCode);
    }

    [Fact]
    public async Task Parallel_questions_cannot_pass_the_limit_together()
    {
        using var customer = Customer();

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => customer.AskAsync(_coop, _product, $"Question en parallèle {i} ?")));

        Assert.Equal(Question.MaxOpenPerAskerAndProduct, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(20 - Question.MaxOpenPerAskerAndProduct, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(Question.MaxOpenPerAskerAndProduct, (await Owner().ShopQuestionsAsync(_coop, _shop)).Length);
    }

    private Task<Guid> RegisterPendingShopAsync() => App.RegisterShopAsync(_coop, "Pas encore approuvée");

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors has no '{field}': {problem}");
    }
}
