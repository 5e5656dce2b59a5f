using System.Security.Claims;
using Marketplace.Catalog.Photos;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ListingShops;

internal static class ListShopsEndpoint
{
    public const int MaxShops = 500;

    /// <summary>
    /// The cooperative's shops, filtered by query string (ADR 23): by default the approved ones, for anyone;
    /// <c>?owner=me</c> the caller's own, whatever their state (members); <c>?status=pending</c>, <c>changesRequested</c>, <c>refused</c> or <c>all</c> (admins).
    /// By name as French readers sort it, except the pending ones: oldest first, the order an admin works through them.
    /// </summary>
    public static void MapListShops(this RouteGroupBuilder group) =>
        group.MapGet("/", async Task<IResult> (TenantId coop, string? status, string? owner, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (owner is not (null or "me"))
                {
                    return CodedProblems.Field("owner", "shop.owner_filter", "owner is me, or left out.");
                }

                if (status is not (null or ShopStatus.Approved or ShopStatus.Pending or ShopStatus.ChangesRequested or ShopStatus.Refused or "all"))
                {
                    return CodedProblems.Field("status", "shop.status_filter", "status is approved, pending, changesRequested, refused or all.");
                }

                // Only the public list is anonymous; the others answer as their role policies would (401, then 403).
                var mine = owner is "me";
                var needsAdmin = !mine && status is not (null or ShopStatus.Approved);
                if ((mine || needsAdmin) && user.Identity?.IsAuthenticated != true)
                {
                    return Results.Challenge();
                }

                if ((mine && user.RolesIn(coop).Count == 0) || (needsAdmin && !user.IsAdminOf(coop)))
                {
                    return Results.Forbid();
                }

                await using var session = sessions.QuerySession(coop);
                IQueryable<Shop> shops = session.Query<Shop>();
                if (mine)
                {
                    var me = user.AccountId() ?? Guid.Empty;
                    shops = shops.Where(s => s.Owners.Contains(me));
                }

                var state = status ?? (mine ? "all" : ShopStatus.Approved);
                if (state != "all")
                {
                    shops = shops.Where(s => s.Status == state);
                }

                var found = await shops.Take(MaxShops).ToListAsync(cancellationToken);
                var now = clock.GetUtcNow();
                var photos = await session.PhotosOfAsync(coop.Value, [.. found.Select(s => s.Id)], cancellationToken);
                return Results.Ok((state == ShopStatus.Pending ? found.OrderBy(s => s.RegisteredAt).ThenBy(s => s.Id) : Sorted(found))
                    .Select(s => ShopResponse.From(s, now) with { Photo = photos.GetValueOrDefault(s.Id) }));
            })
            .AllowAnonymous()
            .WithName("ListShops")
            .Produces<IEnumerable<ShopResponse>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static IEnumerable<Shop> Sorted(IEnumerable<Shop> shops) =>
        shops.OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))
            .ThenBy(s => s.Id);
}
