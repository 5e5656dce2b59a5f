using Marketplace.Contracts;
using Marketplace.Ordering.Catalog;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Ordering.Baskets;

public sealed record BasketLineSet(Guid Customer, Guid ProductId, Guid ShopId, int Quantity, Money UnitPrice, DateTimeOffset At);

public sealed record BasketLineRemoved(Guid ProductId, DateTimeOffset At);

public sealed record BasketEmptied(DateTimeOffset At);

/// <summary>A line: the product, how many, and its price when the customer last chose the quantity (to show a change since).</summary>
public sealed record BasketLine(Guid ProductId, Guid ShopId, int Quantity, Money PriceWhenAdded);

/// <summary>
/// A customer's basket in one cooperative (stream id: the customer's account id), across that cooperative's shops.
/// Kept in the cooperative's own store, so it survives sign-out and is part of the cooperative's export.
/// </summary>
public sealed record Basket(Guid Id, IReadOnlyList<BasketLine> Lines, DateTimeOffset UpdatedAt) : IEventSourced<Basket>
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 99;

    public static Basket? Fold(Basket? state, object change) => change switch
    {
        BasketLineSet e => Changed(state ?? new Basket(e.Customer, [], e.At), lines => [.. lines.Where(l => l.ProductId != e.ProductId), new BasketLine(e.ProductId, e.ShopId, e.Quantity, e.UnitPrice)], e.At),
        BasketLineRemoved e when state is not null => Changed(state, lines => [.. lines.Where(l => l.ProductId != e.ProductId)], e.At),
        BasketEmptied e when state is not null => state with { Lines = [], UpdatedAt = e.At },
        _ => state,
    };

    private static Basket Changed(Basket state, Func<IReadOnlyList<BasketLine>, IReadOnlyList<BasketLine>> change, DateTimeOffset at) =>
        state with { Lines = change(state.Lines), UpdatedAt = at };
}

public static class BasketRefusals
{
    public const string ProductUnknown = "basket.product_unknown";
    public const string OutOfStock = "basket.out_of_stock";
    public const string Full = "basket.full";
}

/// <summary>The basket's decisions: what a customer's change appends, or why it is refused.</summary>
public static class BasketRules
{
    public static Decision SetLine(Guid customer, Basket? basket, ProductCopy? product, int quantity, DateTimeOffset now)
    {
        if (product is not { IsListed: true, Price: { } price })
        {
            return Decision.Refuse(BasketRefusals.ProductUnknown);
        }

        var current = basket?.Lines.FirstOrDefault(l => l.ProductId == product.Id);
        if (current is not null && current.Quantity == quantity && current.PriceWhenAdded == price)
        {
            return Decision.Unchanged;
        }

        if (!product.InStock && (current is null || quantity > current.Quantity))
        {
            return Decision.Refuse(BasketRefusals.OutOfStock);
        }

        if (current is null && basket?.Lines.Count >= Basket.MaxLines)
        {
            return Decision.Refuse(BasketRefusals.Full);
        }

        return Decision.To(new BasketLineSet(customer, product.Id, product.ShopId, quantity, price, now));
    }

    public static Decision RemoveLine(Basket? basket, Guid product, DateTimeOffset now) =>
        basket?.Lines.Any(l => l.ProductId == product) == true ? Decision.To(new BasketLineRemoved(product, now)) : Decision.Unchanged;

    public static Decision Empty(Basket? basket, DateTimeOffset now) =>
        basket?.Lines.Count > 0 ? Decision.To(new BasketEmptied(now)) : Decision.Unchanged;
}
