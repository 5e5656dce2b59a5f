using System.Globalization;
using System.Text;
using JasperFx.Events;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marten;
using Marten.Events.Projections;

namespace Marketplace.Catalog.Search;

/// <summary>
/// The storefront's read model, written inline: in the same transaction as the events, so a product is
/// searchable (or gone) as soon as the request that changed it returns. Plain SQL on two tables of our own
/// rather than documents: a shop's approval or new name is one row to change instead of every product of the
/// shop, and price, stock and category are real columns that indexes sort and filter on.
/// Stock mirrors <see cref="StockLevel"/>: on hand and held quantities, changed by the same events.
/// </summary>
internal sealed class ProductSearchProjection : EventProjection
{
    private const string Listings = SearchSchema.Listings;

    private const string Fields =
        "?::text as name_fr, ?::text as name_en, ?::text as description_fr, ?::text as description_en, " +
        "?::text as category, ?::text as category_key, ?::text as sort_name, ?::text as image_url, ?::integer as vat_rate, " +
        $"(select c ->> 'Fr' {InTheList}) as category_fr, (select c ->> 'En' {InTheList}) as category_en";

    /// <summary>
    /// A listed category's names, read by the statement itself from the cooperative's list (the product stores the key):
    /// no query of its own per product (an import of 10,000 rows would wait for 10,000 round trips), and the list as it
    /// is in this transaction. Null for free text, or with no list.
    /// </summary>
    private const string InTheList = $"{InTheListWhere} = ?::text";

    private const string InTheListWhere =
        $"from {CatalogModule.Schema}.mt_doc_categorylist d cross join jsonb_array_elements(d.data -> 'Categories') c " +
        $"where d.id = '{CategoryList.DocumentId}' and c ->> 'Key'";

    public ProductSearchProjection()
    {
        IncludeType<ShopRegistered>();
        IncludeType<ShopDetailsChanged>();
        IncludeType<ShopApproved>();
        IncludeType<ProductListed>();
        IncludeType<ProductDetailsChanged>();
        IncludeType<ProductPriceChanged>();
        IncludeType<ProductArchived>();
        IncludeType<ProductReactivated>();
        IncludeType<ProductFoodInformationSet>();
        IncludeType<StockAdjusted>();
        IncludeType<StockReserved>();
        IncludeType<StockReleased>();
        IncludeType<StockCommitted>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        Apply(operations, e.Data);
        return ValueTask.CompletedTask;
    }

    /// <summary>What one event changes in the search tables, queued on <paramref name="ops"/> (also how an import's bulk listing writes its rows).</summary>
    internal static void Apply(IDocumentOperations ops, object data)
    {
        switch (data)
        {
            case ShopRegistered e:
                ops.QueueSqlCommand(
                    $"insert into {SearchSchema.Shops} (id, name, approved) values (?, ?, false) on conflict (id) do update set name = excluded.name",
                    e.ShopId, e.Details?.Name ?? e.Name);
                break;
            case ShopDetailsChanged e:
                ops.QueueSqlCommand($"update {SearchSchema.Shops} set name = ? where id = ?", e.Details.Name, e.ShopId);
                break;
            case ShopApproved e:
                ops.QueueSqlCommand($"update {SearchSchema.Shops} set approved = true where id = ?", e.ShopId);
                break;
            case ProductListed e:
                ops.QueueSqlCommand(
                    $"""
                    insert into {Listings} (id, shop_id, price_minor, currency, name_fr, name_en, description_fr, description_en, category,
                                            category_key, sort_name, image_url, vat_rate, category_fr, category_en, active, on_hand, reserved, search)
                    select ?, ?, ?, ?, v.*, true, 0, 0, {SearchSchema.VectorOf("v")}
                    from (select {Fields}) v
                    on conflict (id) do nothing
                    """,
                    [e.ProductId, e.ShopId, e.Price.Minor, e.Price.Currency, .. Values(e.Name, e.Description, e.Category, e.ImageUrls, e.VatRate)]);
                break;
            case ProductDetailsChanged e:
                ops.QueueSqlCommand(
                    $"""
                    update {Listings} l set name_fr = v.name_fr, name_en = v.name_en, description_fr = v.description_fr,
                        description_en = v.description_en, category = v.category, category_key = v.category_key, sort_name = v.sort_name,
                        image_url = v.image_url, vat_rate = v.vat_rate, category_fr = v.category_fr, category_en = v.category_en,
                        search = {SearchSchema.VectorOf("v")}
                    from (select {Fields}) v
                    where l.id = ?
                    """,
                    [.. Values(e.Name, e.Description, e.Category, e.ImageUrls, e.VatRate), e.ProductId]);
                break;
            case ProductPriceChanged e:
                ops.QueueSqlCommand($"update {Listings} set price_minor = ?, currency = ? where id = ?", e.Price.Minor, e.Price.Currency, e.ProductId);
                break;
            case ProductArchived e:
                ops.QueueSqlCommand($"update {Listings} set active = false where id = ?", e.ProductId);
                break;
            case ProductReactivated e:
                ops.QueueSqlCommand($"update {Listings} set active = true where id = ?", e.ProductId);
                break;
            case ProductFoodInformationSet e:
                ops.QueueSqlCommand(
                    $"update {Listings} set labels = ?::text[], allergens = ?::text[] where id = ?", e.Food.Labels.ToArray(), e.Food.Allergens.ToArray(), e.ProductId);
                break;
            case StockAdjusted e:
                ops.QueueSqlCommand($"update {Listings} set on_hand = on_hand + ? where id = ?", e.Quantity, e.ProductId);
                break;
            case StockReserved e:
                ops.QueueSqlCommand($"update {Listings} set reserved = reserved + ? where id = ?", e.Quantity, e.ProductId);
                break;
            case StockReleased e:
                ops.QueueSqlCommand($"update {Listings} set reserved = reserved - ? where id = ?", e.Quantity, e.ProductId);
                break;
            case StockCommitted e:
                ops.QueueSqlCommand($"update {Listings} set on_hand = on_hand - ?, reserved = reserved - ? where id = ?", e.Quantity, e.Quantity, e.ProductId);
                break;
        }
    }

    /// <summary>
    /// The rows of products an import lists (BulkListing), in one statement: each as <see cref="ProductListed"/> then its
    /// <see cref="StockAdjusted"/> events leave it (the same columns and search text, <paramref name="onHand"/> their sum).
    /// Their other events are for <see cref="Apply"/>.
    /// </summary>
    internal static void ListedInBulk(IDocumentOperations ops, IReadOnlyList<ProductListed> listed, IReadOnlyList<int> onHand)
    {
        var values = listed.Select(e => Values(e.Name, e.Description, e.Category, e.ImageUrls, e.VatRate)).ToList();
        string?[] Texts(int field) => [.. values.Select(v => v[field] as string)];
        ops.QueueSqlCommand(
            $"""
            insert into {Listings} (id, shop_id, price_minor, currency, name_fr, name_en, description_fr, description_en, category,
                                    category_key, sort_name, image_url, vat_rate, category_fr, category_en, active, on_hand, reserved, search)
            select r.id, r.shop_id, r.price_minor, r.currency, v.*, true, r.on_hand, 0, {SearchSchema.VectorOf("v")}
            from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[])
                as r(id, shop_id, price_minor, currency, name_fr, name_en, description_fr, description_en, category, category_key, sort_name, image_url, vat_rate, on_hand)
            cross join lateral (
                select r.name_fr, r.name_en, r.description_fr, r.description_en, r.category, r.category_key, r.sort_name, r.image_url, r.vat_rate,
                       (select c ->> 'Fr' {InTheListWhere} = r.category) as category_fr, (select c ->> 'En' {InTheListWhere} = r.category) as category_en) v
            on conflict (id) do nothing
            """,
            listed.Select(e => e.ProductId).ToArray(), listed.Select(e => e.ShopId).ToArray(), listed.Select(e => e.Price.Minor).ToArray(),
            listed.Select(e => e.Price.Currency).ToArray(), Texts(0), Texts(1), Texts(2), Texts(3), Texts(4), Texts(5), Texts(6), Texts(7),
            values.Select(v => (int)v[8]).ToArray(), onHand.ToArray());
    }

    /// <summary>The values of <see cref="Fields"/>, in order.</summary>
    internal static object[] Values(LocalizedText name, LocalizedText description, string category, IReadOnlyList<string> imageUrls, int vatRate) =>
    [
        Text(name.Fr), Text(name.En), Text(description.Fr), Text(description.En),
        category, Fold(category), Fold(name.Fr ?? name.En ?? string.Empty), Text(imageUrls.Count > 0 ? imageUrls[0] : null), vatRate,
        category, category,
    ];

    /// <summary>
    /// A renamed category's new names in the search text of its products (stored under its key), queued in the
    /// transaction that renames it: the names first, then the search document read from them.
    /// </summary>
    internal static void Renamed(IDocumentOperations ops, ListedCategory category)
    {
        string[] spellings = CategoryList.Spellings(category);
        ops.QueueSqlCommand($"update {Listings} set category_fr = ?, category_en = ? where category_key = any(?::text[])", category.Fr, category.En, spellings);
        ops.QueueSqlCommand($"update {Listings} l set search = {SearchSchema.VectorOf("l")} where category_key = any(?::text[])", [spellings]);
    }

    /// <summary>Lower case without accents: how names sort ("Éclair" among the e's) and categories match.</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    // A typed null, so PostgreSQL is never left guessing a parameter's type.
    private static object Text(string? text) => (object?)text ?? DBNull.Value;
}
