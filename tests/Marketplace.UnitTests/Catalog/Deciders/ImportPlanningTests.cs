using Marketplace.Catalog.Common;
using Marketplace.Catalog.Imports;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Food;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Catalog.Deciders;

/// <summary>What a row of a till's export does to the shop's catalog, decided without a database.</summary>
public sealed class ImportPlanningTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Shop = Guid.NewGuid();

    private static ImportRow Row(string sku = "COMTE", string? nameFr = "Comté 18 mois", long? price = 3290, int? stock = 10, string? image = null) =>
        new(2, sku, new LocalizedText(nameFr, null), LocalizedText.Empty, "Fromagerie", price, 550, stock, image, null, null, false, []);

    private static Product Existing(ImportRow row)
    {
        var decision = ImportPlanner.Decide(row, null, Guid.NewGuid(), Shop, "EUR", null, "import", Now);
        return EventSourced.Fold<Product>(null, decision.Events)!;
    }

    [Fact]
    public void A_new_reference_lists_the_product_with_its_stock()
    {
        var decision = ImportPlanner.Decide(Row(), null, Guid.NewGuid(), Shop, "EUR", null, "import", Now);
        var product = EventSourced.Fold<Product>(null, decision.Events)!;

        Assert.Equal(ImportAction.List, decision.Action);
        Assert.Equal(("Comté 18 mois", 3290L, 10), (product.Name.Fr, product.Price.Minor, product.Stock.OnHand));
    }

    [Fact]
    public void The_same_row_again_changes_nothing_and_an_empty_cell_keeps_what_the_product_has()
    {
        var product = Existing(Row());

        Assert.Equal(ImportAction.Unchanged, ImportPlanner.Decide(Row(), product, product.Id, Shop, "EUR", null, "import", Now).Action);
        Assert.Equal(ImportAction.Unchanged, ImportPlanner.Decide(Row(price: null, stock: null), product, product.Id, Shop, "EUR", null, "import", Now).Action);
    }

    [Fact]
    public void A_changed_price_and_stock_become_a_price_change_and_a_count_of_the_wanted_stock()
    {
        var product = Existing(Row());

        var decision = ImportPlanner.Decide(Row(price: 3450, stock: 7), product, product.Id, Shop, "EUR", null, "import", Now);
        var after = EventSourced.Fold(product, decision.Events)!;

        Assert.Equal(ImportAction.Change, decision.Action);
        Assert.Equal((3450L, 7), (after.Price.Minor, after.Stock.OnHand));
        Assert.Equal(StockAdjustmentReason.Count, Assert.Single(decision.Events.OfType<StockAdjusted>()).Reason);
    }

    [Fact]
    public void Stock_below_what_checkouts_hold_is_refused_with_the_stock_code_and_changes_nothing()
    {
        var product = Existing(Row(stock: 10));
        var held = EventSourced.Fold(product, StockLevel.Reserve(product.Stock, product.Id, Shop, Guid.NewGuid(), 6, Now, TimeSpan.FromMinutes(15)).Events)!;

        var decision = ImportPlanner.Decide(Row(stock: 4), held, held.Id, Shop, "EUR", null, "import", Now);

        Assert.Empty(decision.Events);
        Assert.Equal(StockRefusals.BelowReserved, decision.Refusal!.Code);
        Assert.Equal(["4", "6"], decision.Refusal.Args);
    }

    [Fact]
    public void An_archived_product_named_in_the_file_goes_back_on_sale()
    {
        var product = Existing(Row());
        var archived = EventSourced.Fold(product, product.Archive(Now).Events)!;

        var decision = ImportPlanner.Decide(Row(), archived, archived.Id, Shop, "EUR", null, "import", Now);

        Assert.True(EventSourced.Fold(archived, decision.Events)!.IsActive);
        Assert.True(ImportPlanner.Preview(Row(), archived, "EUR", Now).Reactivates);
    }

    [Fact]
    public void Food_columns_set_the_food_information_and_an_empty_cell_keeps_what_the_product_has()
    {
        var comte = new ImportFood(SoldBy.Weight, new NetQuantity(1.2m, "kg"), ["milk"], ["aop"], "Jura");
        var product = Existing(Row() with { Food = comte });
        Assert.Equal(comte.Over(null), product.Food);

        // the same file again, or one with only the origin changed: nothing, then only the origin
        Assert.Equal(ImportAction.Unchanged, ImportPlanner.Decide(Row() with { Food = comte }, product, product.Id, Shop, "EUR", null, "import", Now).Action);
        var decision = ImportPlanner.Decide(Row() with { Food = new ImportFood(null, null, null, null, "Doubs") }, product, product.Id, Shop, "EUR", null, "import", Now);
        var after = EventSourced.Fold(product, decision.Events)!;
        Assert.Equal((SoldBy.Weight, "Doubs", "milk"), (after.Food!.SoldBy, after.Food.Origin, Assert.Single(after.Food.Allergens)));
    }

    [Fact]
    public void Sold_by_weight_without_a_weight_in_grams_is_refused_with_its_code()
    {
        var decision = ImportPlanner.Decide(Row() with { Food = new ImportFood(SoldBy.Weight, new NetQuantity(75, "cl"), null, null, null) }, null, Guid.NewGuid(), Shop, "EUR", null, "import", Now);

        Assert.Empty(decision.Events);
        Assert.Equal(("netQuantity", "food.weight_required"), (decision.Refusal!.Field, decision.Refusal.Code));
    }

    [Fact]
    public void A_first_food_information_without_allergens_is_refused_never_read_as_declaring_none()
    {
        var onlyOrigin = Row() with { Food = new ImportFood(null, null, null, null, "Jura") };

        var decision = ImportPlanner.Decide(onlyOrigin, null, Guid.NewGuid(), Shop, "EUR", null, "import", Now);
        Assert.Empty(decision.Events);
        Assert.Equal(("allergens", "food.allergens_required"), (decision.Refusal!.Field, decision.Refusal.Code));

        // once declared, a file with only the origin keeps the product's allergens
        var product = Existing(Row() with { Food = new ImportFood(null, null, ["milk"], null, null) });
        var after = EventSourced.Fold(product, ImportPlanner.Decide(onlyOrigin, product, product.Id, Shop, "EUR", null, "import", Now).Events)!;
        Assert.Equal(["milk"], after.Food!.Allergens);
        Assert.Equal("Jura", after.Food.Origin);
    }
}
