using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Shops.CopyingPayouts;

/// <summary>Payments says whether the shop can receive transfers (the latest fact wins): a shop takes orders only when it can.</summary>
[ConsumerName("copy-shop-payouts")]
internal sealed class CopyShopPayouts(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyShopPayouts> logger)
    : ShopCopyConsumer<Contract.ShopPayoutsChanged>(sessions, clock, logger)
{
    protected override Guid ShopOf(Contract.ShopPayoutsChanged message) => message.ShopId;

    protected override Decision Decide(OrderingShop? shop, Contract.ShopPayoutsChanged m, DateTimeOffset now) =>
        OrderingShopRules.CopyPayouts(shop, new ShopPayoutsCopied(m.ShopId, m.CanReceiveTransfers, m.At), now);
}
