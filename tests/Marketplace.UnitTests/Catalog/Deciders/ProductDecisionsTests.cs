using CsCheck;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Catalog.Deciders;

/// <summary>The product's deciders without a database: what a shop changes on its product, and the product its events fold into.</summary>
public sealed class ProductDecisionsTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly DateTimeOffset Listed = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<Func<Product, DateTimeOffset, Decision>> Command = Gen.OneOf(
        Gen.Long[1, 3].Select(euros => (Func<Product, DateTimeOffset, Decision>)((p, at) => p.ChangePrice(new Money(euros * 100, "EUR"), Owner, at))),
        Gen.Const<Func<Product, DateTimeOffset, Decision>>((p, at) => p.Archive(at)),
        Gen.Const<Func<Product, DateTimeOffset, Decision>>((p, at) => p.Reactivate(at)),
        Gen.Int[0, 1].Select(vat => (Func<Product, DateTimeOffset, Decision>)((p, at) => p.ChangeDetails(Details(p, VatRates.All[vat], at)))),
        Gen.Int[-3, 3].Select(units => (Func<Product, DateTimeOffset, Decision>)((p, at) => p.AdjustStock(units, StockAdjustmentReason.Correction, null, Owner, at))),
        Gen.Int[0, 8].Select(units => (Func<Product, DateTimeOffset, Decision>)((p, at) => p.CountStock(units, null, Owner, at))));

    private static Product New(long priceMinor = 350, int stock = 5)
    {
        var listed = new ProductListed(
            Guid.NewGuid(), Guid.NewGuid(), "PAIN-1", new LocalizedText("Pain de campagne", "Country loaf"), LocalizedText.Empty,
            "Boulangerie", [], new Money(priceMinor, "EUR"), 550, Owner, Listed);
        return EventSourced.Fold<Product>(null, Product.List(listed, stock))!;
    }

    private static ProductDetailsChanged Details(Product p, int vatRate, DateTimeOffset at) =>
        new(p.Id, p.Sku, p.Name, p.Description, p.Category, p.ImageUrls, vatRate, at);

    [Fact]
    public void Listing_folds_into_an_active_product_with_its_first_price_and_stock()
    {
        var product = New(priceMinor: 350, stock: 5);

        Assert.True(product.IsActive);
        Assert.Equal(new Money(350, "EUR"), Assert.Single(product.PriceHistory).Price);
        Assert.Equal((5, 0, 5), (product.Stock.OnHand, product.Stock.Reserved, product.Stock.Available));
        Assert.Empty(EventSourced.Fold<Product>(null, Product.List(
            new ProductListed(Guid.NewGuid(), Guid.NewGuid(), null, LocalizedText.Empty, LocalizedText.Empty, "x", [], new Money(1, "EUR"), 550, null, Listed), 0))!
            .Stock.Holds);
    }

    [Fact]
    public void A_new_price_is_recorded_with_the_one_it_replaces_and_kept_in_the_history()
    {
        var product = New(priceMinor: 350);

        var changed = Assert.IsType<ProductPriceChanged>(Assert.Single(product.ChangePrice(new Money(380, "EUR"), Owner, Listed.AddDays(1)).Events));
        var after = Product.Fold(product, changed)!;

        Assert.Equal((new Money(350, "EUR"), new Money(380, "EUR")), (changed.Previous, changed.Price));
        Assert.Equal([350L, 380L], after.PriceHistory.Select(p => p.Price.Minor));
        Assert.Empty(after.ChangePrice(new Money(380, "EUR"), Owner, Listed.AddDays(2)).Events);
    }

    [Fact]
    public void Stock_cannot_go_below_what_checkouts_hold_and_says_why_by_code()
    {
        var product = New(stock: 5);
        var held = EventSourced.Fold(product, StockLevel.Reserve(product.Stock, product.Id, product.ShopId, Guid.NewGuid(), 4, Listed, TimeSpan.FromMinutes(15)).Events)!;

        Assert.Equal(StockRefusals.BelowReserved, held.AdjustStock(-2, StockAdjustmentReason.Correction, null, Owner, Listed).Refusal);
        Assert.Equal(StockRefusals.WrongSign, held.AdjustStock(-1, StockAdjustmentReason.Restock, null, Owner, Listed).Refusal);
        Assert.False(held.AdjustStock(-1, StockAdjustmentReason.SaleInShop, null, Owner, Listed).IsRefused);
    }

    [Fact]
    public void Selling_more_than_is_on_hand_says_so_rather_than_blaming_checkouts()
    {
        // Given 3 on hand, none held
        var product = New(stock: 3);

        // Then a sale of 5 (or a correction of -4) is "not that many on hand", and a sale of 3 is fine
        Assert.Equal(StockRefusals.NotEnoughOnHand, product.AdjustStock(-5, StockAdjustmentReason.SaleInShop, null, Owner, Listed).Refusal);
        Assert.Equal(StockRefusals.NotEnoughOnHand, product.AdjustStock(-4, StockAdjustmentReason.Correction, null, Owner, Listed).Refusal);
        Assert.False(product.AdjustStock(-3, StockAdjustmentReason.SaleInShop, null, Owner, Listed).IsRefused);

        // And with 2 of them held, selling 2 of the 3 is refused for the checkouts, selling 4 for the stock
        var held = EventSourced.Fold(product, StockLevel.Reserve(product.Stock, product.Id, product.ShopId, Guid.NewGuid(), 2, Listed, TimeSpan.FromMinutes(15)).Events)!;
        Assert.Equal(StockRefusals.BelowReserved, held.AdjustStock(-2, StockAdjustmentReason.SaleInShop, null, Owner, Listed).Refusal);
        Assert.Equal(StockRefusals.NotEnoughOnHand, held.AdjustStock(-4, StockAdjustmentReason.SaleInShop, null, Owner, Listed).Refusal);
    }

    [Fact]
    public void A_count_records_the_difference_to_it_and_never_goes_below_what_checkouts_hold()
    {
        // Given 40 on hand, 10 of them held for a checkout
        var product = New(stock: 40);
        var held = EventSourced.Fold(product, StockLevel.Reserve(product.Stock, product.Id, product.ShopId, Guid.NewGuid(), 10, Listed, TimeSpan.FromMinutes(15)).Events)!;

        // Then counting 28 is an adjustment of -12 for a count, counting 40 changes nothing, counting 9 is refused for the checkouts
        var counted = held.CountStock(28, "inventaire", Owner, Listed);
        var adjusted = Assert.Single(counted.Events.OfType<StockAdjusted>());
        Assert.Equal((-12, StockAdjustmentReason.Count, "inventaire"), (adjusted.Quantity, adjusted.Reason, adjusted.Note));
        Assert.Equal(28, EventSourced.Fold(held, counted.Events)!.Stock.OnHand);
        Assert.Empty(held.CountStock(40, null, Owner, Listed).Events);
        Assert.Equal(StockRefusals.BelowReserved, held.CountStock(9, null, Owner, Listed).Refusal);
        Assert.False(held.CountStock(10, null, Owner, Listed).IsRefused);

        // And counting the held units exactly puts the product out of stock; counting more brings it back
        var outOfStock = held.CountStock(10, null, Owner, Listed);
        Assert.Single(outOfStock.Events.OfType<ProductOutOfStock>());
        var empty = EventSourced.Fold(held, outOfStock.Events)!;
        Assert.Equal(2, Assert.Single(empty.CountStock(12, null, Owner, Listed).Events.OfType<ProductBackInStock>()).Available);
    }

    /// <summary>Any command decided twice in a row changes the product once (a retried request is harmless); the state only changes by its events.</summary>
    [Fact]
    public void Repeating_a_command_changes_the_product_at_most_once() =>
        Gen.Select(Command.Array[1, 15], Command).Sample((history, command) =>
        {
            var product = New();
            var at = Listed;
            foreach (var earlier in history)
            {
                at = at.AddMinutes(1);
                product = EventSourced.Fold(product, earlier(product, at).Events)!;
            }

            var first = command(product, at.AddMinutes(1));
            var after = EventSourced.Fold(product, first.Events)!;
            var again = command(after, at.AddMinutes(2));
            // A stock correction is a change by a difference: the same correction again is another change, not a repeat.
            // A count is not: counting the same number again finds it on hand.
            if (first.Events.OfType<StockAdjusted>().Any(e => e.Reason != StockAdjustmentReason.Count))
            {
                return;
            }

            Assert.Empty(again.Events);
            Assert.Equal(first.Events.Count == 0, after == product);
        }, iter: 2000);
}
