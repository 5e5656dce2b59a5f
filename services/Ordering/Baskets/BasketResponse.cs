using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Catalog;
using Marketplace.Ordering.Shops;
using Marten;

namespace Marketplace.Ordering.Baskets;

/// <summary>One line as the customer sees it: today's price and availability from Ordering's copy of the catalog.</summary>
public sealed record BasketLineResponse(
    Guid ProductId,
    Guid ShopId,
    string ShopName,
    string? NameFr,
    string? NameEn,
    int Quantity,
    Money UnitPrice,
    Money PriceWhenAdded,
    bool PriceChanged,
    bool Available,
    int VatRate,
    Money LineTotal);

/// <summary>The basket: its lines by shop (one sub-order each at checkout), and the total at today's prices.</summary>
public sealed record BasketResponse(IReadOnlyList<BasketLineResponse> Lines, Money Total, int ItemCount, DateTimeOffset? UpdatedAt)
{
    public static async Task<BasketResponse> ReadAsync(IQuerySession session, Basket? basket, CancellationToken cancellationToken)
    {
        var lines = basket?.Lines ?? [];
        var products = (await session.LoadManyAsync<ProductCopy>(cancellationToken, lines.Select(l => l.ProductId))).ToDictionary(p => p.Id);
        var shops = (await session.LoadManyAsync<OrderingShop>(cancellationToken, lines.Select(l => l.ShopId).Distinct())).ToDictionary(s => s.Id);
        var answered = lines
            .Select(line =>
            {
                var product = products.GetValueOrDefault(line.ProductId);
                var price = product?.Price ?? line.PriceWhenAdded;
                return new BasketLineResponse(
                    line.ProductId,
                    line.ShopId,
                    shops.GetValueOrDefault(line.ShopId)?.Name ?? "",
                    product?.NameFr,
                    product?.NameEn,
                    line.Quantity,
                    price,
                    line.PriceWhenAdded,
                    price != line.PriceWhenAdded,
                    product is { IsListed: true, InStock: true },
                    product?.VatRate ?? 0,
                    price with { Minor = checked(price.Minor * line.Quantity) });
            })
            .OrderBy(line => line.ShopName, StringComparer.Ordinal)
            .ThenBy(line => line.ShopId)
            .ThenBy(line => line.NameFr ?? line.NameEn, StringComparer.Ordinal)
            .ToList();
        var currency = answered.FirstOrDefault()?.UnitPrice.Currency ?? "EUR";
        return new BasketResponse(answered, new Money(answered.Sum(l => l.LineTotal.Minor), currency), answered.Sum(l => l.Quantity), basket?.UpdatedAt);
    }
}

internal static class Customer
{
    /// <summary>The signed-in account (the token's subject): whose basket it is.</summary>
    public static Guid Of(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : throw new InvalidOperationException("A signed-in caller always has a subject.");
}

public static class BasketProblems
{
    public static IResult Refused(string code) => code switch
    {
        BasketRefusals.ProductUnknown => CodedProblems.Refused(code, StatusCodes.Status404NotFound, "This product is not on sale in this cooperative."),
        BasketRefusals.OutOfStock => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "This product is out of stock."),
        BasketRefusals.Full => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "The basket is full.", $"A basket holds at most {Basket.MaxLines} different products."),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A refusal without a problem to answer it."),
    };
}
