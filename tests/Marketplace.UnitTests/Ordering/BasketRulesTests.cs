using Marketplace.Contracts;
using Marketplace.Ordering.Baskets;
using Marketplace.Ordering.Catalog;
using Marketplace.ServiceDefaults.EventSourcing;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.UnitTests.Ordering;

public sealed class BasketRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Customer = Guid.NewGuid();
    private static readonly Guid Shop = Guid.NewGuid();
    private static readonly TenantId Coop = TenantId.Parse("lyon-centre");

    private static ProductCopy Listed(long price = 450, bool inStock = true) =>
        new ProductCopy { Id = Guid.NewGuid() }
            .Listed(new Contract.ProductListed(Coop, Guid.NewGuid(), Shop, "Pain", "Bread", new Money(price, "EUR"), 550, Now))
            .Stock(inStock, Shop, Now);

    [Fact]
    public void Setting_a_line_starts_the_basket_and_the_same_quantity_again_changes_nothing()
    {
        var bread = Listed();

        var first = BasketRules.SetLine(Customer, null, bread, 2, Now);
        var basket = EventSourced.Fold<Basket>(null, first.Events)!;
        var again = BasketRules.SetLine(Customer, basket, bread, 2, Now.AddMinutes(1));

        Assert.Equal(Customer, basket.Id);
        Assert.Equal(2, Assert.Single(basket.Lines).Quantity);
        Assert.Empty(again.Events);
        Assert.False(again.IsRefused);
    }

    [Fact]
    public void A_product_not_yet_listed_or_out_of_stock_is_refused_by_its_code()
    {
        var unlisted = new ProductCopy { Id = Guid.NewGuid() };

        Assert.Equal(BasketRefusals.ProductUnknown, BasketRules.SetLine(Customer, null, null, 1, Now).Refusal);
        Assert.Equal(BasketRefusals.ProductUnknown, BasketRules.SetLine(Customer, null, unlisted, 1, Now).Refusal);
        Assert.Equal(BasketRefusals.OutOfStock, BasketRules.SetLine(Customer, null, Listed(inStock: false), 1, Now).Refusal);
    }

    [Fact]
    public void Fewer_of_a_product_out_of_stock_may_still_be_kept_but_not_more()
    {
        var cheese = Listed();
        var basket = EventSourced.Fold<Basket>(null, BasketRules.SetLine(Customer, null, cheese, 3, Now).Events)!;
        var gone = cheese.Stock(false, Shop, Now.AddMinutes(1));

        Assert.False(BasketRules.SetLine(Customer, basket, gone, 1, Now).IsRefused);
        Assert.Equal(BasketRefusals.OutOfStock, BasketRules.SetLine(Customer, basket, gone, 4, Now).Refusal);
    }

    [Fact]
    public void A_basket_holds_at_most_its_number_of_different_products()
    {
        Basket? basket = null;
        for (var i = 0; i < Basket.MaxLines; i++)
        {
            basket = EventSourced.Fold(basket, BasketRules.SetLine(Customer, basket, Listed(), 1, Now).Events);
        }

        Assert.Equal(Basket.MaxLines, basket!.Lines.Count);
        Assert.Equal(BasketRefusals.Full, BasketRules.SetLine(Customer, basket, Listed(), 1, Now).Refusal);
        Assert.False(BasketRules.SetLine(Customer, basket, Listed() with { Id = basket.Lines[0].ProductId }, 5, Now).IsRefused);
    }

    [Fact]
    public void Removing_what_is_not_there_and_emptying_an_empty_basket_change_nothing()
    {
        var bread = Listed();
        var basket = EventSourced.Fold<Basket>(null, BasketRules.SetLine(Customer, null, bread, 1, Now).Events)!;

        Assert.Empty(BasketRules.RemoveLine(basket, Guid.NewGuid(), Now).Events);
        Assert.Empty(BasketRules.RemoveLine(null, bread.Id, Now).Events);
        Assert.Empty(BasketRules.Empty(null, Now).Events);
        var emptied = EventSourced.Fold(basket, BasketRules.Empty(basket, Now).Events)!;
        Assert.Empty(emptied.Lines);
        Assert.Empty(BasketRules.Empty(emptied, Now).Events);
    }

    [Fact]
    public void The_copy_of_a_product_ends_the_same_whatever_order_its_facts_arrive_in()
    {
        // Given the facts Catalog told about one product, each at its own time
        var product = Guid.NewGuid();
        var facts = new Func<ProductCopy, ProductCopy>[]
        {
            c => c.Listed(new Contract.ProductListed(Coop, product, Shop, "Pain", "Bread", new Money(450, "EUR"), 550, Now)),
            c => c.PriceChanged(new Contract.ProductPriceChanged(Coop, product, Shop, new Money(450, "EUR"), new Money(480, "EUR"), Now.AddMinutes(1))),
            c => c.PriceChanged(new Contract.ProductPriceChanged(Coop, product, Shop, new Money(480, "EUR"), new Money(520, "EUR"), Now.AddMinutes(2))),
            c => c.Stock(false, Shop, Now.AddMinutes(3)),
            c => c.Stock(true, Shop, Now.AddMinutes(4)),
            c => c.Stock(false, Shop, Now.AddMinutes(5)),
        };

        // When they arrive in every order, some twice
        var outcomes = Permutations(Enumerable.Range(0, facts.Length).ToList())
            .Select(order => order.Concat(order.Take(2)).Aggregate(new ProductCopy { Id = product }, (copy, i) => facts[i](copy)))
            .ToList();

        // Then the copy is always the newest of each: the last price, out of stock, with its names
        Assert.Equal(720, outcomes.Count);
        Assert.All(outcomes, copy =>
        {
            Assert.Equal(new Money(520, "EUR"), copy.Price);
            Assert.False(copy.InStock);
            Assert.Equal("Pain", copy.NameFr);
            Assert.True(copy.IsListed);
        });
    }

    private static IEnumerable<List<int>> Permutations(List<int> items) => items.Count <= 1
        ? [items]
        : items.SelectMany(item => Permutations(items.Where(other => other != item).ToList()).Select(rest => (List<int>)[item, .. rest]));
}
