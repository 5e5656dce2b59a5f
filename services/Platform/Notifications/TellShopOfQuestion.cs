using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Platform.Accounts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications;

/// <summary>A customer asked a shop something: every owner of the shop gets a mail in their own language.</summary>
[ConsumerName("tell-shop-of-question")]
internal sealed class TellShopOfQuestion(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellShopOfQuestion> logger)
    : MailingConsumer<QuestionAsked>(store, outbox, clock, logger)
{
    protected override async Task Handle(QuestionAsked message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var owners = message.ShopOwners.Distinct().ToArray();
        var accounts = await session.LoadManyAsync<Account>(cancellationToken, owners);
        var now = Now();
        foreach (var account in accounts)
        {
            var language = OutgoingMail.LanguageOf(account);
            var text = QuestionMails.Asked(
                language,
                account.DisplayName,
                message.ShopName,
                QuestionMails.ProductName(language, message.ProductNameFr, message.ProductNameEn),
                message.Text,
                QuestionMails.ShopQuestionsLink(mail.WebBaseUrl, language, tenant, message.ShopId));
            session.Insert(OutgoingMail.ToAccount(key, account, text, now));
        }
    }
}
