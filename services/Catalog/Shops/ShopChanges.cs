using Marketplace.Catalog.Common;
using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Shops.GettingShop;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops;

/// <summary>What every use case that changes a shop shares: deciding on it and answering.</summary>
internal static class ShopChanges
{
    /// <summary>Decides on the shop and answers with the shop after the decision, or the refusal's problem.</summary>
    public static async Task<IResult> ChangeAsync(
        this CooperativeSessions sessions, TenantId coop, Guid shop, Func<Shop, Decision> decide, TimeProvider clock, CancellationToken cancellationToken) =>
        await sessions.DecideAsync(coop, shop, decide, cancellationToken) switch
        {
            { State: null } => GetShopEndpoint.NoSuchShop(),
            { Refusal: { } code } => CatalogProblems.Refused(code),
            { State: { } after } => Results.Ok(ShopResponse.From(after, clock.GetUtcNow()) with { Photo = await sessions.PhotoOfAsync(coop, after.Id, cancellationToken) }),
        };
}
