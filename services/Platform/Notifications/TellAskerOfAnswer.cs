using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Platform.Accounts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications;

/// <summary>A shop answered a question: its asker gets a mail in their own language (private answers too: they are for the asker).</summary>
[ConsumerName("tell-asker-of-answer")]
internal sealed class TellAskerOfAnswer(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellAskerOfAnswer> logger)
    : MailingConsumer<QuestionAnswered>(store, outbox, clock, logger)
{
    protected override async Task Handle(QuestionAnswered message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Account>(message.AskerAccountId, cancellationToken) is not { } account)
        {
            return; // the account is gone: nobody to tell
        }

        var language = OutgoingMail.LanguageOf(account);
        var text = QuestionMails.Answered(
            language,
            account.DisplayName,
            message.ShopName,
            QuestionMails.ProductName(language, message.ProductNameFr, message.ProductNameEn),
            message.QuestionText,
            message.AnswerText,
            message.Private,
            QuestionMails.ProductLink(mail.WebBaseUrl, language, tenant, message.ProductId));
        session.Insert(OutgoingMail.ToAccount(key, account, text, Now()));
    }
}
