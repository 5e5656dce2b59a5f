using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.Closing;

/// <summary>One closure as the owner gives it: first and last closed days (inclusive), an optional reason in French and English.</summary>
public sealed record ShopClosureRequest(DateOnly? From, DateOnly? To, LocalizedText? Reason);

/// <summary>The shop's upcoming closures, the whole list (ADR 42): what is not in it is no longer planned.</summary>
public sealed record ShopClosuresRequest(IReadOnlyList<ShopClosureRequest>? Closures)
{
    public IReadOnlyList<ShopClosure> ToClosures() =>
        [.. (Closures ?? []).Select(c => new ShopClosure(c.From!.Value, c.To!.Value, c.Reason?.Trimmed() is { IsEmpty: false } reason ? reason : null))
            .OrderBy(c => c.From).ThenBy(c => c.To)];
}

internal sealed class ShopClosuresValidator : AbstractValidator<ShopClosuresRequest>
{
    public const int MaxClosures = 50;
    public const int MaxReason = 200;

    public ShopClosuresValidator(TimeProvider clock)
    {
        var today = ShopClosure.Today(clock.GetUtcNow());
        RuleFor(r => r.Closures).NotNull().Must(list => list is null || list.Count <= MaxClosures)
            .WithMessage($"At most {MaxClosures} closures.").WithErrorCode("shop.closures_count");
        RuleForEach(r => r.Closures).NotNull().ChildRules(closure =>
        {
            closure.RuleFor(c => c.From).NotNull();
            closure.RuleFor(c => c.To).NotNull();
            closure.RuleFor(c => c.To).Must((c, to) => c.From is null || to is null || to >= c.From)
                .WithMessage("A closure ends on or after the day it starts.").WithErrorCode("shop.closure_ends_before_start");
            closure.RuleFor(c => c.To).Must(to => to is null || to >= today)
                .WithMessage("A closure to record has not ended yet.").WithErrorCode("shop.closure_in_past");
            closure.RuleFor(c => c.Reason!.Fr).MaximumLength(MaxReason).OverridePropertyName("reason.fr").When(c => c.Reason is not null);
            closure.RuleFor(c => c.Reason!.En).MaximumLength(MaxReason).OverridePropertyName("reason.en").When(c => c.Reason is not null);
        });
    }
}

internal static class SetShopClosuresEndpoint
{
    /// <summary>Its owners and the admins replace the shop's upcoming closures (holidays, exceptional closing days); the same list again changes nothing.</summary>
    public static void MapSetShopClosures(this RouteGroupBuilder group) =>
        group.MapPut("/{shop:guid}/closures", (TenantId coop, Guid shop, ShopClosuresRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.SetClosures(request.ToClosures(), clock.GetUtcNow()), clock, cancellationToken))
            .Validate<ShopClosuresRequest>()
            .RequireShopManager()
            .WithName("SetShopClosures")
            .Produces<ShopResponse>();
}
