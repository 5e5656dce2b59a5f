using System.Text;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Questions;

/// <summary>"The shop is notified": a question mails every owner of the shop, an answer mails the asker, each in their own language, once.</summary>
public sealed class QuestionMailsTests : MarketplaceTest
{
    private TenantId _coop;
    private string _frenchOwnerEmail = null!;
    private string _englishOwnerEmail = null!;
    private string _askerEmail = null!;
    private Guid _frenchOwner;
    private Guid _englishOwner;
    private Guid _asker;
    private Guid _shop;
    private Guid _product;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _frenchOwnerEmail = AccountsApi.NewEmail("gerante");
        _englishOwnerEmail = AccountsApi.NewEmail("owner");
        _askerEmail = AccountsApi.NewEmail("asker");
        _frenchOwner = await App.SignUpAsync(_frenchOwnerEmail, language: "fr", displayName: "Léa Martin");
        _englishOwner = await App.SignUpAsync(_englishOwnerEmail, language: "en", displayName: "Sam Taylor");
        _asker = await App.SignUpAsync(_askerEmail, language: "en", displayName: "Jo Client");
        _shop = await App.ApprovedShopAsync(_coop, "Fromagerie Léa", _frenchOwner, _englishOwner);
        _product = await App.ProductAsync(_coop, _shop, "Comté 18 mois", "18-month Comté");
    }

    [Fact]
    public async Task A_question_mails_every_owner_once_in_their_language_and_the_answer_mails_the_asker()
    {
        using var asker = App.CatalogClient(QuestionsApi.TokenFor(_asker, $"{_coop}:customer"));
        using var owner = App.CatalogClient(QuestionsApi.TokenFor(_frenchOwner, $"{_coop}:shop_owner"));

        var asked = await asker.AskedAsync(_coop, _product, "Is it raw-milk cheese?");

        var french = await MailToAsync(_frenchOwnerEmail);
        Assert.Equal("Nouvelle question sur « Comté 18 mois »", french.Subject);
        Assert.Contains("Bonjour Léa Martin", french.TextBody, StringComparison.Ordinal);
        Assert.Contains("> Is it raw-milk cheese?", french.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/fr/coops/{_coop}/back-office/{_shop}/questions", french.TextBody, StringComparison.Ordinal);
        var english = await MailToAsync(_englishOwnerEmail);
        Assert.Equal("New question about \"18-month Comté\"", english.Subject);
        Assert.Contains("Hello Sam Taylor", english.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/en/coops/{_coop}/back-office/{_shop}/questions", english.TextBody, StringComparison.Ordinal);
        // Neither owner learns who asked.
        Assert.DoesNotContain(_askerEmail, french.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Jo Client", english.TextBody, StringComparison.Ordinal);

        await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, au lait cru.", isPrivate: true);

        var answer = await MailToAsync(_askerEmail);
        Assert.Equal("Fromagerie Léa answered your question", answer.Subject);
        Assert.Contains("> Oui, au lait cru.", answer.TextBody, StringComparison.Ordinal);
        Assert.Contains("for you only", answer.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/en/coops/{_coop}/products/{_product}", answer.TextBody, StringComparison.Ordinal);

        // Editing the answer tells nobody again; a marker question proves the relay and the outbox went past it.
        await owner.AnsweredAsync(_coop, _shop, asked.Id(), "Oui, au lait cru, affiné 18 mois.");
        var marker = AccountsApi.NewEmail("marker");
        var markerAsker = await App.SignUpAsync(marker, language: "fr");
        using var markerClient = App.CatalogClient(QuestionsApi.TokenFor(markerAsker, $"{_coop}:customer"));
        var markerQuestion = await markerClient.AskedAsync(_coop, _product, "Question témoin ?");
        await owner.AnsweredAsync(_coop, _shop, markerQuestion.Id(), "Réponse témoin.");
        Assert.Equal("Fromagerie Léa a répondu à votre question", (await MailToAsync(marker)).Subject);

        // The owners' mails about the marker question come through another consumer: wait for them, then count.
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(_frenchOwnerEmail).Count >= 2 && MailsTo(_englishOwnerEmail).Count >= 2), "the owners' marker mails");
        Assert.Single(MailsTo(_askerEmail));
        Assert.Equal(2, MailsTo(_frenchOwnerEmail).Count); // the question and the marker question
        Assert.Equal(2, MailsTo(_englishOwnerEmail).Count);
    }

    [Fact]
    public async Task Redelivered_question_mails_each_owner_once()
    {
        var message = new CatalogContracts.QuestionAsked(
            _coop, Guid.NewGuid(), _product, _shop, "Fromagerie Léa", "Comté 18 mois", "18-month Comté",
            [_frenchOwner, _englishOwner], "Redelivered question?", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await Task.WhenAll(
            App.Probe.PublishAsync(message, messageId, _coop.Value),
            App.Probe.PublishAsync(message, messageId, _coop.Value));
        await MailToAsync(_frenchOwnerEmail);
        await MailToAsync(_englishOwnerEmail);
        await App.Probe.PublishAsync(message, messageId, _coop.Value);

        // A later message to the same people, delivered: the redelivery before it was consumed too.
        var marker = message with { QuestionId = Guid.NewGuid(), Text = "Marker question?" };
        await App.Probe.PublishAsync(marker, Guid.NewGuid(), _coop.Value);
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(_frenchOwnerEmail).Count >= 2 && MailsTo(_englishOwnerEmail).Count >= 2), "the marker mails");
        await Eventually.TrueAsync(async () => await ProcessedAsync(messageId) == 1, "the message recorded once");
        await Task.Delay(TimeSpan.FromSeconds(2)); // let any stray delivery be consumed

        Assert.Single(MailsTo(_frenchOwnerEmail), m => m.TextBody!.Contains("Redelivered question?", StringComparison.Ordinal));
        Assert.Single(MailsTo(_englishOwnerEmail), m => m.TextBody!.Contains("Redelivered question?", StringComparison.Ordinal));
        Assert.Equal(1, await ProcessedAsync(messageId));
    }

    [Fact]
    public async Task Message_whose_header_names_another_cooperative_mails_nobody()
    {
        var other = await App.OnboardAsync();
        var message = new CatalogContracts.QuestionAsked(
            _coop, Guid.NewGuid(), _product, _shop, "Fromagerie Léa", "Comté 18 mois", "18-month Comté",
            [_frenchOwner], "Forged question?", DateTimeOffset.UtcNow);

        await App.Probe.PublishAsync(message, Guid.NewGuid(), other.Value);
        var marker = message with { QuestionId = Guid.NewGuid(), Text = "Genuine question?" };
        await App.Probe.PublishAsync(marker, Guid.NewGuid(), _coop.Value);

        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(_frenchOwnerEmail).Any(m => m.TextBody!.Contains("Genuine question?", StringComparison.Ordinal))), "the genuine mail");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(MailsTo(_frenchOwnerEmail), m => m.TextBody!.Contains("Forged question?", StringComparison.Ordinal));
    }

    private async Task<int> ProcessedAsync(Guid messageId)
    {
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var suffix = $":{_coop}:{messageId}";
        return await session.Query<Marketplace.ServiceDefaults.Messaging.ProcessedMessage>().CountAsync(m => m.Id.EndsWith(suffix));
    }

    private List<MimeMessage> MailsTo(string email) =>
        App.Mail.Received()
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => !AccountsApi.IsConfirmationMail(m)) // the one each account got at sign-up
            .ToList();

    private async Task<MimeMessage> MailToAsync(string email)
    {
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(email).Count > 0), "a mail to " + email);
        return MailsTo(email)[^1];
    }
}
