using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Food;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;

namespace Marketplace.Catalog.Imports;

/// <summary>What one row does to the shop's catalog: the events to append (none = unchanged), or why it cannot.</summary>
public sealed record RowDecision(string Action, IReadOnlyList<object> Events, ImportMessage? Refusal = null);

/// <summary>
/// Turns rows into events against the current state of the shop's products, found by SKU. The same decision makes the
/// preview's actions and, recomputed against the state fetched for writing, the commit's events.
/// <list type="bullet">
/// <item>A new SKU lists a product (and restocks it with the row's quantity when above zero).</item>
/// <item>An existing SKU changes only what differs: details, price, stock (a correction to reach the row's quantity).</item>
/// <item>An empty cell, or a column the file does not have, keeps what the product has (a till rarely exports
/// descriptions or English names; erasing them on every import would be a trap). An image already among the product's
/// images changes nothing; another one becomes its first image, the others kept.</item>
/// <item>An archived product named in the file is reactivated: a row in a shop's stock file means "on sale".</item>
/// </list>
/// </summary>
public static class ImportPlanner
{
    public const int MaxImages = 8;

    public static ImportRow ToRow(ParsedRow parsed, IReadOnlyList<ImportMessage> ruleErrors) => new(
        parsed.Line,
        parsed.Sku,
        new LocalizedText(parsed.NameFr, parsed.NameEn),
        new LocalizedText(parsed.DescriptionFr, parsed.DescriptionEn),
        parsed.Category,
        parsed.PriceMinor,
        parsed.VatRate,
        parsed.Stock,
        parsed.ImageUrl,
        null,
        null,
        false,
        [.. parsed.Errors, .. ruleErrors],
        Food: parsed.Food);

    /// <summary>The row with its action against <paramref name="existing"/> (null: a new SKU); rows with errors get no action.</summary>
    public static ImportRow Preview(ImportRow row, Product? existing, string currency, DateTimeOffset now)
    {
        var before = existing is null ? null : new ImportBefore(existing.Name, existing.Category, existing.Price.Minor, existing.VatRate, existing.Stock.OnHand, existing.IsActive);
        if (row.Errors.Count > 0)
        {
            return row with { ProductId = existing?.Id, Action = null, Reactivates = false, Before = before };
        }

        var decision = Decide(row, existing, existing?.Id ?? Guid.Empty, existing?.ShopId ?? Guid.Empty, currency, null, "import", now);
        return row with
        {
            ProductId = existing?.Id,
            Action = decision.Action,
            Reactivates = existing is { IsActive: false },
            Errors = decision.Refusal is { } refusal ? [refusal] : [],
            Before = before,
        };
    }

    public static RowDecision Decide(ImportRow row, Product? existing, Guid productId, Guid shopId, string currency, Guid? by, string note, DateTimeOffset now)
    {
        var food = row.Food?.Over(existing?.Food);
        if (food is { SoldBy: SoldBy.Weight, NetQuantity: not { IsMass: true } })
        {
            // the price per kilogram of a piece sold by weight is computed from its estimated weight
            return new RowDecision(existing is null ? ImportAction.List : ImportAction.Change, [], ImportMessage.Of("netQuantity", "food.weight_required"));
        }

        if (row.Food is { Allergens: null } && existing?.Food is null)
        {
            // food information declares allergens: a file giving only an origin must not make a product "without" any
            return new RowDecision(existing is null ? ImportAction.List : ImportAction.Change, [], ImportMessage.Of("allergens", "food.allergens_required"));
        }

        if (existing is null)
        {
            var events = new List<object>
            {
                new ProductListed(
                    productId,
                    shopId,
                    row.Sku,
                    row.Name,
                    row.Description,
                    row.Category!,
                    row.ImageUrl is { } image ? [image] : [],
                    new Money(row.Price!.Value, currency),
                    row.VatRate!.Value,
                    by,
                    now),
            };
            if (food is not null)
            {
                events.Add(new ProductFoodInformationSet(productId, food, by, now));
            }

            events.AddRange(StockLevel.Initial(productId, row.Stock ?? 0, note, by, now));

            return new RowDecision(ImportAction.List, events);
        }

        var changes = new List<object>();
        var name = new LocalizedText(row.Name.Fr ?? existing.Name.Fr, row.Name.En ?? existing.Name.En);
        var description = new LocalizedText(row.Description.Fr ?? existing.Description.Fr, row.Description.En ?? existing.Description.En);
        var images = row.ImageUrl is not { } url || existing.ImageUrls.Contains(url, StringComparer.Ordinal)
            ? existing.ImageUrls
            : [url, .. existing.ImageUrls.Take(MaxImages - 1)];
        if (name != existing.Name || description != existing.Description || row.Category != existing.Category ||
            row.VatRate != existing.VatRate || !images.SequenceEqual(existing.ImageUrls, StringComparer.Ordinal))
        {
            changes.Add(new ProductDetailsChanged(existing.Id, existing.Sku, name, description, row.Category!, images, row.VatRate!.Value, now));
        }

        if (row.Price is { } price && price != existing.Price.Minor)
        {
            changes.Add(new ProductPriceChanged(existing.Id, existing.ShopId, existing.Price, new Money(price, existing.Price.Currency), by, now));
        }

        if (food is not null && existing.Food?.SameAs(food) != true)
        {
            changes.Add(new ProductFoodInformationSet(existing.Id, food, by, now));
        }

        if (!existing.IsActive)
        {
            changes.Add(new ProductReactivated(existing.Id, now));
        }

        if (row.Stock is { } wanted && wanted != existing.Stock.OnHand)
        {
            var decision = StockLevel.Count(existing.Stock, existing.Id, existing.ShopId, wanted, note, by, now);
            if (decision.IsRefused)
            {
                var reserved = decision.Events.Aggregate(existing.Stock, (stock, e) => stock.Fold(e)).Reserved;
                return new RowDecision(ImportAction.Change, [], ImportMessage.Of("stock", StockRefusals.BelowReserved, wanted.ToString(System.Globalization.CultureInfo.InvariantCulture), reserved.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            changes.AddRange(decision.Events);
        }

        return new RowDecision(changes.Count == 0 ? ImportAction.Unchanged : ImportAction.Change, changes);
    }
}
