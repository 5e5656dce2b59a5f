using Marketplace.Catalog.Common;
using Marketplace.Catalog.Photos;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Products;

/// <summary>What every use case that changes one product of a shop shares: deciding on it and answering.</summary>
internal static class ProductChanges
{
    /// <summary>
    /// Decides on the shop's product (another shop's product is "no such product") and answers with the product
    /// after the decision, or the refusal's problem.
    /// </summary>
    public static async Task<IResult> ChangeAsync(
        this CooperativeSessions sessions, TenantId coop, Guid shop, Guid product, Func<Product, Decision> decide, CancellationToken cancellationToken,
        Func<IQuerySession, Product, CancellationToken, Task<Product>>? complete = null)
    {
        var decided = await sessions.DecideAsync<Product>(
            coop, product, current => current.ShopId == shop ? decide(current) : Decision.Refuse(ProductRefusals.NotInShop), cancellationToken, complete);
        return decided switch
        {
            { State: null } => NoSuchProduct(),
            { Refusal: { } code } => CatalogProblems.Refused(code),
            { State: { } after } => Results.Ok(ProductResponse.From(after) with { Photo = await sessions.PhotoOfAsync(coop, after.Id, cancellationToken) }),
        };
    }

    public static IResult NoSuchProduct() => CatalogProblems.Refused(ProductRefusals.NotInShop);

    public static IResult SkuTaken() => CodedProblems.Field(
        "sku", ProductRefusals.SkuTaken, "Another product of this shop already has this reference.", StatusCodes.Status409Conflict, "This reference (SKU) is taken.");

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
