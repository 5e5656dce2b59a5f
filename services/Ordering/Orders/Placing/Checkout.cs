using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Ordering.Baskets;
using Marketplace.Ordering.Catalog;
using Marketplace.Ordering.Shops;
using DeliveryAddress = Marketplace.Contracts.Ordering.DeliveryAddress;
using Fulfilment = Marketplace.Contracts.Ordering.Fulfilment;
using OrderLine = Marketplace.Contracts.Ordering.OrderLine;

namespace Marketplace.Ordering.Orders.Placing;

public static class CheckoutRefusals
{
    public const string BasketEmpty = "order.basket_empty";
    public const string ShopNotOpen = "order.shop_not_open";
    public const string ProductUnavailable = "order.product_unavailable";
    public const string FulfilmentMissing = "order.fulfilment_missing";
    public const string ShopNotInBasket = "order.shop_not_in_basket";
    public const string SlotOutsideHours = "order.slot_outside_hours";
    public const string SlotInClosure = "order.slot_in_closure";
    public const string SlotInPast = "order.slot_in_past";
    public const string PickupNotOffered = "order.pickup_not_offered";
    public const string DeliveryNotOffered = "order.delivery_not_offered";
    public const string IdTaken = "order.id_taken";
}

public sealed record CheckoutError(string Field, string Code, string Message);

/// <summary>Who checks out, as the token says (name and e-mail are shown to the shops of the order, and only to them).</summary>
public sealed record CheckoutCustomer(Guid Id, string Name, string? Email, string Language);

/// <summary>
/// Turns a basket into an order (pure): one part per shop of the basket with the customer's choice of pickup or delivery,
/// prices and VAT rates frozen from Ordering's copy of the catalog. Every problem is named on its field.
/// </summary>
public static class Checkout
{
    public static (OrderPlaced? Placed, IReadOnlyList<CheckoutError> Errors) Decide(
        Guid orderId,
        CheckoutCustomer customer,
        Basket? basket,
        IReadOnlyDictionary<Guid, ProductCopy> products,
        IReadOnlyDictionary<Guid, OrderingShop> shops,
        IReadOnlyList<ShopChoice> choices,
        OrderingSettings settings,
        DateTimeOffset now)
    {
        var errors = new List<CheckoutError>();
        if (basket is not { Lines.Count: > 0 })
        {
            return (null, [new CheckoutError("basket", CheckoutRefusals.BasketEmpty, "The basket is empty.")]);
        }

        var byShop = basket.Lines.GroupBy(l => l.ShopId).ToList();
        for (var i = 0; i < choices.Count; i++)
        {
            if (byShop.All(g => g.Key != choices[i].ShopId))
            {
                errors.Add(new CheckoutError($"shops[{i}].shopId", CheckoutRefusals.ShopNotInBasket, "The basket holds nothing of this shop."));
            }
        }

        var parts = new List<PlacedSubOrder>();
        foreach (var group in byShop)
        {
            var index = choices.ToList().FindIndex(c => c.ShopId == group.Key);
            var field = index < 0 ? "shops" : $"shops[{index}]";
            var shop = shops.GetValueOrDefault(group.Key);
            if (shop is not { TakesOrders: true })
            {
                errors.Add(new CheckoutError(field, CheckoutRefusals.ShopNotOpen, $"{shop?.Name ?? "This shop"} does not take orders now."));
                continue;
            }

            var lines = new List<OrderLine>();
            foreach (var line in group)
            {
                if (products.GetValueOrDefault(line.ProductId) is not { IsListed: true, InStock: true, Price: { } price } product)
                {
                    errors.Add(new CheckoutError($"lines[{line.ProductId}]", CheckoutRefusals.ProductUnavailable, "This product is not available now."));
                    continue;
                }

                lines.Add(new OrderLine(product.Id, product.NameFr, product.NameEn, line.Quantity, price, product.VatRate));
            }

            if (index < 0)
            {
                errors.Add(new CheckoutError(field, CheckoutRefusals.FulfilmentMissing, $"Choose pickup or delivery for {shop.Name}."));
                continue;
            }

            var fulfilment = Fulfil(shop, choices[index], $"shops[{index}]", now, errors);
            if (fulfilment is null || lines.Count != group.Count())
            {
                continue;
            }

            var currency = lines[0].UnitPrice.Currency;
            parts.Add(new PlacedSubOrder(shop.Id, shop.Name, lines, fulfilment, new Money(lines.Sum(l => checked(l.UnitPrice.Minor * l.Quantity)), currency)));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var total = new Money(parts.Sum(p => p.Subtotal.Minor), parts[0].Subtotal.Currency);
        return (new OrderPlaced(orderId, customer.Id, customer.Name, customer.Email, customer.Language, parts, total, now, now + settings.HoldFor), []);
    }

    private static Fulfilment? Fulfil(OrderingShop shop, ShopChoice choice, string field, DateTimeOffset now, List<CheckoutError> errors)
    {
        if (choice.Pickup is { } pickup)
        {
            if (!shop.Pickup)
            {
                errors.Add(new CheckoutError($"{field}.pickup", CheckoutRefusals.PickupNotOffered, $"{shop.Name} does not offer pickup."));
                return null;
            }

            if (pickup.Start <= now)
            {
                errors.Add(new CheckoutError($"{field}.pickup.start", CheckoutRefusals.SlotInPast, "The pickup slot must be in the future."));
                return null;
            }

            if (!InOpeningHours(shop.OpeningHours, pickup.Start, pickup.End))
            {
                errors.Add(new CheckoutError($"{field}.pickup", CheckoutRefusals.SlotOutsideHours, $"The pickup slot is outside {shop.Name}'s opening hours."));
                return null;
            }

            if (shop.ClosedOn(DayOf(pickup.Start)))
            {
                errors.Add(new CheckoutError($"{field}.pickup", CheckoutRefusals.SlotInClosure, $"{shop.Name} is closed that day (holidays or an exceptional closure)."));
                return null;
            }

            return new Fulfilment(Fulfilment.Pickup, pickup.Start, pickup.End, null, null);
        }

        if (choice.Delivery is { } delivery)
        {
            if (!shop.Delivery)
            {
                errors.Add(new CheckoutError($"{field}.delivery", CheckoutRefusals.DeliveryNotOffered, $"{shop.Name} does not deliver."));
                return null;
            }

            return new Fulfilment(Fulfilment.Delivery, null, null, new DeliveryAddress(delivery.Line1, delivery.Line2, delivery.Postcode, delivery.City, delivery.Country), null);
        }

        return null;
    }

    /// <summary>The day of an instant in the cooperative's time zone (the days closures are given in).</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, CooperativeTime.Zone).DateTime);

    /// <summary>Whether the slot lies within one opening period of its day, read in the cooperative's time zone.</summary>
    public static bool InOpeningHours(IReadOnlyList<OpeningPeriod> hours, DateTimeOffset start, DateTimeOffset end)
    {
        var from = TimeZoneInfo.ConvertTime(start, CooperativeTime.Zone);
        var to = TimeZoneInfo.ConvertTime(end, CooperativeTime.Zone);
        if (from.Date != to.Date || to <= from)
        {
            return false;
        }

        var day = from.DayOfWeek.ToString().ToLowerInvariant();
        return hours.Any(p => p.Day == day
            && TimeOnly.TryParseExact(p.Opens, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            && TimeOnly.TryParseExact(p.Closes, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
            && TimeOnly.FromTimeSpan(from.TimeOfDay) >= opens
            && TimeOnly.FromTimeSpan(to.TimeOfDay) <= closes);
    }
}
