using Marketplace.Contracts;
using Marketplace.Contracts.Ordering;
using Marketplace.Contracts.Payments;
using Marketplace.Platform.Accounts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications.Orders;

/// <summary>An order's mail came before its OrderPlaced was handled here: thrown so the message is tried again later (ADR 27).</summary>
public sealed class OrderNotKnownYetException(TenantId coop, Guid order)
    : NotReadyYetException($"Order {order} of {coop} is not known to the Platform yet; the message will be tried again.");

/// <summary>
/// The customer is told of every change of their order, in the language they ordered in, once per message (the mail
/// outbox). The later messages name only the order: who to tell comes from its OrderPlaced (<see cref="OrderRecipient"/>).
/// </summary>
internal abstract class TellCustomer<T>(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger logger)
    : MailingConsumer<T>(store, outbox, clock, logger)
    where T : class, IIntegrationEvent
{
    protected abstract Guid OrderOf(T message);

    /// <summary>The shop the change is about, to name it in the mail (none for a change of the whole order).</summary>
    protected virtual Guid? ShopOf(T message) => null;

    protected abstract (string Subject, string Body) Text(T message, Mail to);

    protected sealed override async Task Handle(T message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var orderId = OrderOf(message);
        var order = await session.LoadAsync<OrderRecipient>(OrderRecipient.IdOf(tenant, orderId), cancellationToken)
            ?? throw new OrderNotKnownYetException(tenant, orderId);
        if (await session.LoadAsync<Account>(order.CustomerAccountId, cancellationToken) is not { } account)
        {
            return; // the account is gone: nobody to tell
        }

        var language = Languages.Supported.Contains(order.Language) ? order.Language : OutgoingMail.LanguageOf(account);
        var shopId = ShopOf(message);
        var shop = shopId is { } id ? await session.LoadAsync<ShopCard>(ShopCard.IdOf(tenant, id), cancellationToken) : null;
        var to = new Mail(
            language,
            account.DisplayName,
            order,
            OrderMails.ShopName(shop, language),
            shopId is { } part ? order.Of(part) : null,
            OrderMails.OrderLink(mail.WebBaseUrl, language, tenant, orderId));
        session.Insert(OutgoingMail.ToAccount(key, account, Text(message, to), Now()));
    }

    /// <summary>What every order mail is written with: the reader's language and name, the order, the shop and its part, the order's page.</summary>
    protected sealed record Mail(string Language, string Name, OrderRecipient Order, string Shop, OrderPart? Part, string Link);
}

/// <summary>The order was placed: remember who to tell about it, and tell them it was received.</summary>
[ConsumerName("tell-customer-of-order-placed")]
internal sealed class TellCustomerOfOrderPlaced(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfOrderPlaced> logger)
    : MailingConsumer<OrderPlaced>(store, outbox, clock, logger)
{
    protected override async Task Handle(OrderPlaced message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var order = new OrderRecipient
        {
            Id = OrderRecipient.IdOf(tenant, message.OrderId),
            CustomerAccountId = message.CustomerAccountId,
            Language = message.Language,
            Parts = [.. message.SubOrders.Select(PartOf)],
            Total = message.Total,
        };
        session.Store(order);
        if (await session.LoadAsync<Account>(message.CustomerAccountId, cancellationToken) is not { } account)
        {
            return;
        }

        var language = Languages.Supported.Contains(message.Language) ? message.Language : OutgoingMail.LanguageOf(account);
        var shops = (await session.LoadManyAsync<ShopCard>(cancellationToken, message.SubOrders.Select(s => ShopCard.IdOf(tenant, s.ShopId)).ToArray()))
            .ToDictionary(s => s.Id);
        var parts = order.Parts
            .Select(p => (OrderMails.ShopName(shops.GetValueOrDefault(ShopCard.IdOf(tenant, p.ShopId)), language), p))
            .ToList();
        var text = OrderMails.Placed(language, account.DisplayName, message.OrderId, parts, message.Total, OrderMails.OrderLink(mail.WebBaseUrl, language, tenant, message.OrderId));
        session.Insert(OutgoingMail.ToAccount(key, account, text, Now()));
    }

    private static OrderPart PartOf(SubOrder part) => new(
        part.ShopId,
        [.. part.Lines.Select(l => new OrderPartLine(l.NameFr, l.NameEn, l.Quantity))],
        part.Subtotal,
        part.Fulfilment switch
        {
            { Kind: Fulfilment.Delivery, Address: { } a } => new HandOver(null, null,
                string.Join(", ", new[] { a.Line1, a.Line2, $"{a.Postcode} {a.City}" }.Where(p => !string.IsNullOrWhiteSpace(p)))),
            var f => new HandOver(f.SlotStart, f.SlotEnd, null),
        });
}

[ConsumerName("tell-customer-of-order-cancelled")]
internal sealed class TellCustomerOfOrderCancelled(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfOrderCancelled> logger)
    : TellCustomer<OrderCancelled>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(OrderCancelled message) => message.OrderId;

    protected override (string Subject, string Body) Text(OrderCancelled message, Mail to) =>
        OrderMails.Cancelled(to.Language, to.Name, message.OrderId, message.Reason, to.Link);
}

[ConsumerName("tell-customer-of-sub-order-accepted")]
internal sealed class TellCustomerOfSubOrderAccepted(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfSubOrderAccepted> logger)
    : TellCustomer<SubOrderAccepted>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(SubOrderAccepted message) => message.OrderId;

    protected override Guid? ShopOf(SubOrderAccepted message) => message.ShopId;

    protected override (string Subject, string Body) Text(SubOrderAccepted message, Mail to) =>
        OrderMails.Accepted(to.Language, to.Name, message.OrderId, to.Shop, to.Part, to.Link);
}

[ConsumerName("tell-customer-of-sub-order-withdrawn")]
internal sealed class TellCustomerOfSubOrderWithdrawn(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfSubOrderWithdrawn> logger)
    : TellCustomer<SubOrderWithdrawn>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(SubOrderWithdrawn message) => message.OrderId;

    protected override Guid? ShopOf(SubOrderWithdrawn message) => message.ShopId;

    protected override (string Subject, string Body) Text(SubOrderWithdrawn message, Mail to) =>
        OrderMails.Withdrawn(to.Language, to.Name, message.OrderId, to.Shop, message.Reason, to.Link);
}

[ConsumerName("tell-customer-of-payment-captured")]
internal sealed class TellCustomerOfPaymentCaptured(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfPaymentCaptured> logger)
    : TellCustomer<PaymentCaptured>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(PaymentCaptured message) => message.OrderId;

    protected override (string Subject, string Body) Text(PaymentCaptured message, Mail to) =>
        OrderMails.Captured(to.Language, to.Name, message.OrderId, message.Amount, to.Link);
}

[ConsumerName("tell-customer-of-sub-order-ready")]
internal sealed class TellCustomerOfSubOrderReady(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfSubOrderReady> logger)
    : TellCustomer<SubOrderReady>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(SubOrderReady message) => message.OrderId;

    protected override Guid? ShopOf(SubOrderReady message) => message.ShopId;

    protected override (string Subject, string Body) Text(SubOrderReady message, Mail to) =>
        OrderMails.Ready(to.Language, to.Name, message.OrderId, to.Shop, to.Part, to.Link);
}

[ConsumerName("tell-customer-of-sub-order-handed-over")]
internal sealed class TellCustomerOfSubOrderHandedOver(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfSubOrderHandedOver> logger)
    : TellCustomer<SubOrderHandedOver>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(SubOrderHandedOver message) => message.OrderId;

    protected override Guid? ShopOf(SubOrderHandedOver message) => message.ShopId;

    protected override (string Subject, string Body) Text(SubOrderHandedOver message, Mail to) =>
        OrderMails.HandedOver(to.Language, to.Name, message.OrderId, to.Shop, to.Part, to.Link);
}

[ConsumerName("tell-customer-of-refund")]
internal sealed class TellCustomerOfRefund(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellCustomerOfRefund> logger)
    : TellCustomer<RefundCompleted>(store, outbox, mail, clock, logger)
{
    protected override Guid OrderOf(RefundCompleted message) => message.OrderId;

    protected override Guid? ShopOf(RefundCompleted message) => message.ShopId;

    protected override (string Subject, string Body) Text(RefundCompleted message, Mail to) =>
        OrderMails.Refunded(to.Language, to.Name, message.OrderId, to.Shop, message.Amount, to.Link);
}

/// <summary>
/// The customer's payment is authorised: every owner of each shop of the order is told a sub-order waits for their
/// answer, in their own language, with what to prepare and a link to the shop's order queue.
/// </summary>
[ConsumerName("tell-shops-of-new-order")]
internal sealed class TellShopsOfNewOrder(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellShopsOfNewOrder> logger)
    : MailingConsumer<PaymentAuthorised>(store, outbox, clock, logger)
{
    protected override async Task Handle(PaymentAuthorised message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var order = await session.LoadAsync<OrderRecipient>(OrderRecipient.IdOf(tenant, message.OrderId), cancellationToken)
            ?? throw new OrderNotKnownYetException(tenant, message.OrderId);
        var now = Now();
        foreach (var part in order.Parts)
        {
            if (await session.LoadAsync<ShopCard>(ShopCard.IdOf(tenant, part.ShopId), cancellationToken) is not { } shop)
            {
                continue; // a shop whose profile never reached the Platform: its queue still shows the order
            }

            foreach (var owner in await session.LoadManyAsync<Account>(cancellationToken, shop.Owners.Distinct().ToArray()))
            {
                var language = OutgoingMail.LanguageOf(owner);
                var text = OrderMails.NewOrder(language, owner.DisplayName, message.OrderId, shop.Name, part, OrderMails.ShopOrdersLink(mail.WebBaseUrl, language, tenant, part.ShopId));
                session.Insert(OutgoingMail.ToAccount($"{key}:{part.ShopId}", owner, text, now)); // one owner of two shops gets one mail per shop
            }
        }
    }
}
