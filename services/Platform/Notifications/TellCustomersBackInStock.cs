using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Platform.Accounts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications;

/// <summary>
/// A product some accounts waited for is back in stock: each gets one mail in her own language, with a link to the
/// product page in that language. The mail's id is the message's key + the account (<see cref="OutgoingMail"/>), so a
/// redelivered message writes nothing new.
/// </summary>
[ConsumerName("tell-customers-back-in-stock")]
internal sealed class TellCustomersBackInStock(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomersBackInStock> logger)
    : MailingConsumer<StockAlertsDue>(store, outbox, clock, logger)
{
    protected override async Task Handle(StockAlertsDue message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        foreach (var accountId in message.AccountIds.Distinct())
        {
            if (await session.LoadAsync<Account>(accountId, cancellationToken) is not { } account)
            {
                continue; // the account is gone: nobody to tell
            }

            var language = OutgoingMail.LanguageOf(account);
            var text = StockAlertMails.BackInStock(
                language,
                account.DisplayName,
                message.ShopName,
                QuestionMails.ProductName(language, message.ProductNameFr, message.ProductNameEn),
                QuestionMails.ProductLink(mail.WebBaseUrl, language, tenant, message.ProductId));
            session.Insert(OutgoingMail.ToAccount(key, account, text, Now()));
        }
    }
}
