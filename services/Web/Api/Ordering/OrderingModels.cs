using Marketplace.Contracts;

namespace Marketplace.Web.Api.Ordering;

// Ordering's answers and request bodies as the web app reads and writes them, each held against Ordering's OpenAPI
// document (docs/openapi/ordering.json) by tests/Marketplace.UnitTests/Web/ApiSchemaTests.cs.

/// <summary>One line of the basket: today's price and availability, and the price when it was put in the basket.</summary>
public sealed record BasketLine(
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

/// <summary>The signed-in customer's basket in one cooperative (GET /api/coops/{coop}/basket): lines by shop, the total at today's prices.</summary>
public sealed record Basket(IReadOnlyList<BasketLine> Lines, Money Total, int ItemCount, DateTimeOffset? UpdatedAt);

/// <summary>PUT /api/coops/{coop}/basket/lines/{product}: how many of the product the basket holds.</summary>
public sealed record BasketQuantity(int Quantity);
