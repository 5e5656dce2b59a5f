using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Products.Food;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.SettingFoodInformation;

public sealed record NetQuantityRequest(decimal? Amount, string? Unit);

/// <summary>The whole food information of a product (a PUT: what is not given is cleared).</summary>
public sealed record FoodInformationRequest(
    string? SoldBy,
    NetQuantityRequest? NetQuantity,
    IReadOnlyList<string>? Allergens,
    IReadOnlyList<string>? Labels,
    string? Origin);

internal sealed class FoodInformationRequestValidator : AbstractValidator<FoodInformationRequest>
{
    public const int MaxOriginLength = 80;

    public FoodInformationRequestValidator()
    {
        RuleFor(r => r.SoldBy).NotNull()
            .Must(soldBy => soldBy is null || SoldBy.All.Contains(soldBy)).WithMessage("A product is sold by the piece (piece) or by weight (weight).").WithErrorCode("food.sold_by");
        RuleFor(r => r.NetQuantity).NotNull().When(r => r.SoldBy == SoldBy.Weight)
            .WithMessage("A product sold by weight gives the estimated weight of a piece.").WithErrorCode("food.weight_required");
        RuleFor(r => r.NetQuantity!.Unit)
            .Must(unit => unit is not null && QuantityUnits.All.Contains(unit)).WithMessage("A quantity is in g, kg, ml, cl or l.").WithErrorCode("food.unit")
            .Must(unit => unit is null || !QuantityUnits.All.Contains(unit) || QuantityUnits.IsMass(unit)).When(r => r.SoldBy == SoldBy.Weight, ApplyConditionTo.CurrentValidator)
            .WithMessage("A product sold by weight gives its weight in g or kg.").WithErrorCode("food.weight_unit")
            .When(r => r.NetQuantity is not null).OverridePropertyName("netQuantity.unit");
        RuleFor(r => r.NetQuantity!.Amount)
            .Must((r, amount) => amount is { } value && QuantityUnits.ToBase(value, QuantityUnits.All.Contains(r.NetQuantity!.Unit ?? string.Empty) ? r.NetQuantity.Unit! : QuantityUnits.Gram) is not null)
            .WithMessage("A quantity is above zero, at most 100 kg or 100 l, in whole grams or millilitres.").WithErrorCode("food.quantity")
            .When(r => r.NetQuantity is not null).OverridePropertyName("netQuantity.amount");
        RuleFor(r => r.Allergens).Must(codes => codes is null || codes.Count <= 50).WithMessage("Too many allergens.").WithErrorCode("food.allergen");
        RuleForEach(r => r.Allergens).Must(code => code is not null && Food.Allergens.All.Contains(code))
            .WithMessage("An allergen is one of the 14 of EU regulation 1169/2011 (gluten, crustaceans, eggs, fish, peanuts, soybeans, milk, nuts, celery, mustard, sesame, sulphites, lupin, molluscs).")
            .WithErrorCode("food.allergen");
        RuleFor(r => r.Labels).Must(codes => codes is null || codes.Count <= 50).WithMessage("Too many labels.").WithErrorCode("food.label");
        RuleForEach(r => r.Labels).Must(code => code is not null && FoodLabels.All.Contains(code))
            .WithMessage("A label is one of: bio, fait-maison, aop, igp, label-rouge, commerce-equitable, vegan, vegetarien, sans-gluten.")
            .WithErrorCode("food.label");
        RuleFor(r => r.Origin).MaximumLength(MaxOriginLength).WithMessage($"An origin has at most {MaxOriginLength} characters.").WithErrorCode("food.origin_length")
            .Must(origin => origin is null || !origin.Any(char.IsControl)).WithMessage("An origin is one line of text.").WithErrorCode("food.origin_length");
    }
}

internal static class SetFoodInformationEndpoint
{
    /// <summary>
    /// How the product is sold (its net quantity gives the price per kg or l), its allergens, labels and origin, all at
    /// once; the same information again changes nothing. Codes are kept in the order of their lists, without repeats.
    /// </summary>
    public static void MapSetFoodInformation(this RouteGroupBuilder shop) =>
        shop.MapPut("/products/{product:guid}/food-information", (TenantId coop, Guid shop, Guid product, FoodInformationRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var food = new FoodInformation(
                    request.SoldBy!,
                    request.NetQuantity is { Amount: { } amount, Unit: { } unit } ? new NetQuantity(amount, unit) : null,
                    [.. Allergens.All.Where(code => request.Allergens?.Contains(code) == true)],
                    [.. FoodLabels.All.Where(code => request.Labels?.Contains(code) == true)],
                    ProductChanges.Clean(request.Origin));
                return sessions.ChangeAsync(coop, shop, product, current => current.SetFoodInformation(food, user.AccountId(), clock.GetUtcNow()), cancellationToken);
            })
            .Validate<FoodInformationRequest>()
            .RequireShopManager()
            .WithName("SetFoodInformation")
            .WithSummary("Set a product's food information: how it is sold, net quantity, allergens, labels, origin.")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
