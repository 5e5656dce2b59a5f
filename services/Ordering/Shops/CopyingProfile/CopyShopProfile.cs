using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Shops.CopyingProfile;

/// <summary>Catalog's whole profile of a shop (the highest version wins): name, approval, owners, opening hours, closures, pickup and delivery.</summary>
[ConsumerName("copy-shop-profile")]
internal sealed class CopyShopProfile(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyShopProfile> logger)
    : ShopCopyConsumer<Contract.ShopProfileChanged>(sessions, clock, logger)
{
    protected override Guid ShopOf(Contract.ShopProfileChanged message) => message.ShopId;

    protected override Decision Decide(OrderingShop? shop, Contract.ShopProfileChanged m, DateTimeOffset now) =>
        OrderingShopRules.CopyProfile(
            shop,
            new ShopProfileCopied(
                m.ShopId, m.Version, m.Name, m.Approved, m.Owners, [.. m.OpeningHours.Select(p => new OpeningPeriod(p.Day, p.Opens, p.Closes))], m.Pickup, m.Delivery, m.ContactEmail, m.At,
                m.Closures is { } closures ? [.. closures.Select(c => new ClosedDays(c.From, c.To))] : null),
            now);
}
