using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Ordering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>What the customer chose for one shop of the basket.</summary>
public sealed class ShopChoiceForm
{
    public Guid ShopId { get; set; }

    /// <summary>"pickup" or "delivery".</summary>
    public string? Kind { get; set; }

    /// <summary>A <see cref="PickupSlot.Value"/>.</summary>
    public string? Slot { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? Postcode { get; set; }

    public string? City { get; set; }
}

/// <summary>One shop of the basket at checkout: its lines, what it offers (pickup slots, delivery), the customer's choice.</summary>
public sealed record CheckoutShop(Guid Id, string Name, IReadOnlyList<BasketLine> Lines, Shop? Profile, IReadOnlyList<PickupSlot> Slots)
{
    public bool Pickup => Profile?.Fulfilment?.Pickup == true && Slots.Count > 0;

    public bool Delivery => Profile?.Fulfilment?.Delivery == true;
}

/// <summary>
/// Checkout: per shop of the basket, pickup in one of the next slots inside its opening hours, or delivery to an address
/// where the shop delivers; then one order. The order id is drawn once when the form is shown and travels in it, so a
/// second submit of the same form finds the order already placed (Ordering answers it again) instead of ordering twice.
/// Ordering's refusals come back on their fields: a shop's choice, or a product's line.
/// </summary>
public sealed class CheckoutModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : StorefrontPage(api, session, texts)
{
    [BindProperty]
    public Guid OrderId { get; set; }

    [BindProperty]
    public List<ShopChoiceForm> Choices { get; set; } = [];

    public Basket Basket { get; private set; } = null!;

    public IReadOnlyList<CheckoutShop> Shops { get; private set; } = [];

    /// <summary>Errors by field name ("Choices[0].Slot", "Choices[0]" for the shop as a whole, "line-{product}").</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors about no field shown.</summary>
    public List<string> Summary { get; } = [];

    public bool HasErrors => FieldErrors.Count > 0 || Summary.Count > 0;

    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var errors) ? errors : [];

    public string NameOf(BasketLine line) => (Lang == "en" ? line.NameEn ?? line.NameFr : line.NameFr ?? line.NameEn) ?? "";

    public ShopChoiceForm ChoiceAt(int index) => index < Choices.Count ? Choices[index] : new ShopChoiceForm();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(token, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        OrderId = Guid.NewGuid();
        Choices = [.. Shops.Select(shop => new ShopChoiceForm { ShopId = shop.Id, Kind = shop.Pickup ? OrderFulfilment.Pickup : shop.Delivery ? OrderFulfilment.Delivery : null })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (OrderId == Guid.Empty)
        {
            return Redirect(Link("checkout"));
        }

        // The basket may already be empty because this very form placed the order (a double submit): ask Ordering first.
        var choices = Choose();
        if (FieldErrors.Count == 0 && choices.Count > 0)
        {
            var placed = await Api.PlaceOrderAsync(token, Coop, new PlaceOrder(OrderId, Lang, choices), cancellationToken);
            if (placed.Succeeded)
            {
                TempData["Notice"] = Texts["Order.Placed"].Value;
                return Redirect(Link($"orders/{OrderId}"));
            }

            if (placed.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                return Challenge();
            }

            ShowRefusal(placed);
        }

        if (await LoadAsync(token, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        return Page();
    }

    /// <summary>The form's choices as Ordering takes them, with what is missing put on its field first.</summary>
    private List<ShopChoice> Choose()
    {
        var choices = new List<ShopChoice>();
        for (var i = 0; i < Choices.Count; i++)
        {
            var choice = Choices[i];
            var field = $"Choices[{i}]";
            if (choice.Kind == OrderFulfilment.Pickup)
            {
                if (PickupSlot.Parse(choice.Slot) is { } slot)
                {
                    choices.Add(new ShopChoice(choice.ShopId, new PickupChoice(slot.Start, slot.End), null));
                }
                else
                {
                    Add(field + ".Slot", Texts["Checkout.SlotRequired"]);
                }
            }
            else if (choice.Kind == OrderFulfilment.Delivery)
            {
                Require(choice.Line1, field + ".Line1", "Checkout.AddressRequired");
                Require(choice.Postcode, field + ".Postcode", "Checkout.PostcodeRequired");
                Require(choice.City, field + ".City", "Checkout.CityRequired");
                choices.Add(new ShopChoice(
                    choice.ShopId, null, new DeliveryChoice(choice.Line1?.Trim() ?? "", NullIfBlank(choice.Line2), choice.Postcode?.Trim() ?? "", choice.City?.Trim() ?? "", Cooperative.Country)));
            }
            else
            {
                Add(field + ".Kind", Texts["Checkout.KindRequired"]);
            }
        }

        return choices;
    }

    /// <summary>Ordering's field errors on the form: "shops[i].pickup…" on the shop's slot, "shops[i].delivery.city" on its city, "lines[p]" on the product.</summary>
    private void ShowRefusal<T>(ApiResult<T> result)
    {
        foreach (var (field, messages) in result.Errors)
        {
            for (var i = 0; i < messages.Length; i++)
            {
                var text = Translate(result.CodeOf(field, i), messages[i]);
                if (FieldOf(field) is { } key)
                {
                    Add(key, text);
                }
                else
                {
                    Summary.Add(text);
                }
            }
        }

        if (result.Errors.Count == 0)
        {
            Summary.Add(Translate(result.Code, Texts["Errors.Unexpected"]));
        }
    }

    private string? FieldOf(string apiField)
    {
        var field = apiField.ToLowerInvariant();
        if (field.StartsWith("lines[", StringComparison.Ordinal) && Guid.TryParse(field[6..].TrimEnd(']'), out var product))
        {
            return "line-" + product;
        }

        if (!field.StartsWith("shops[", StringComparison.Ordinal) || field.IndexOf(']', StringComparison.Ordinal) is var close && close < 0
            || !int.TryParse(field[6..close], out var index) || index >= Choices.Count)
        {
            return null;
        }

        var rest = field[(close + 1)..];
        var shop = $"Choices[{index}]";
        return rest switch
        {
            _ when rest.Contains("pickup", StringComparison.Ordinal) => shop + ".Slot",
            _ when rest.Contains("postcode", StringComparison.Ordinal) => shop + ".Postcode",
            _ when rest.Contains("city", StringComparison.Ordinal) => shop + ".City",
            _ when rest.Contains("line2", StringComparison.Ordinal) => shop + ".Line2",
            _ when rest.Contains("delivery", StringComparison.Ordinal) => shop + ".Line1",
            _ when rest.Contains("fulfilment", StringComparison.Ordinal) => shop + ".Kind",
            _ => shop,
        };
    }

    /// <summary>The basket and, for each of its shops, the shop's hours and what it offers; elsewhere when there is nothing to check out.</summary>
    private async Task<IActionResult?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var basket = await Api.GetBasketAsync(token, Coop, cancellationToken);
        if (!basket.Succeeded)
        {
            return basket.Status == System.Net.HttpStatusCode.Unauthorized ? Challenge() : throw new HttpRequestException($"The basket answered {basket.Status}.", null, basket.Status);
        }

        Basket = basket.Value!;
        if (Basket.Lines.Count == 0)
        {
            return Redirect(Link("basket"));
        }

        var now = clock.GetUtcNow();
        var shops = new List<CheckoutShop>();
        foreach (var group in Basket.Lines.GroupBy(line => line.ShopId))
        {
            var profile = await Api.FindShopAsync(token, Coop, group.Key, cancellationToken);
            shops.Add(new CheckoutShop(group.Key, group.First().ShopName, [.. group], profile, OrderFormat.NextSlots(profile?.OpeningHours, now, profile?.Closures)));
        }

        Shops = shops;
        // A shop added to (or gone from) the basket since the form was shown: its choice starts afresh.
        Choices = [.. Shops.Select(shop => Choices.FirstOrDefault(choice => choice.ShopId == shop.Id) ?? new ShopChoiceForm { ShopId = shop.Id })];
        return null;
    }

    private void Require(string? value, string field, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, Texts[key]);
        }
    }

    private void Add(string field, string text)
    {
        if (!FieldErrors.TryGetValue(field, out var errors))
        {
            FieldErrors[field] = errors = [];
        }

        errors.Add(text);
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<string?> TokenAsync() => User.Identity?.IsAuthenticated == true ? await Session.AccessTokenAsync() : null;
}
