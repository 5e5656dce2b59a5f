using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Shops;

/// <summary>A shop's payouts: connected or not, and whether its account can receive transfers.</summary>
public sealed record ShopPayoutsResponse(Guid ShopId, string State, string? AccountId);

/// <summary>Where the owner goes on to complete the account's onboarding with Stripe (a fresh link each call: links expire and serve once).</summary>
public sealed record OnboardingLinkResponse(Guid ShopId, string AccountId, string State, string Url, DateTimeOffset ExpiresAt);

internal static class ShopPayoutsEndpoints
{
    public static void MapShopPayouts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/coops/{coop}/shops/{shop:guid}/payouts").WithTags("Payments").RequireAuthorization(CooperativeAuthorization.MemberPolicy);
        group.MapGet("", async Task<IResult> (TenantId coop, Guid shop, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var payouts = await session.LoadAsync<ShopPayouts>(shop, cancellationToken);
                return Allowed(http.User, coop, payouts) is { } refused ? refused : TypedResults.Ok(new ShopPayoutsResponse(shop, payouts!.State, payouts.AccountId));
            })
            .WithName("GetShopPayouts")
            .WithSummary("The shop's Stripe connection (its owners, or an admin): not-connected, onboarding or can-receive-transfers.")
            .Produces<ShopPayoutsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/onboarding", async Task<IResult> (TenantId coop, Guid shop, HttpContext http, CooperativeSessions sessions, PaymentsStripe stripe, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                ShopPayouts? payouts;
                await using (var query = sessions.QuerySession(coop))
                {
                    payouts = await query.LoadAsync<ShopPayouts>(shop, cancellationToken);
                }

                if (Allowed(http.User, coop, payouts) is { } refused)
                {
                    return refused;
                }

                var accountId = payouts!.AccountId;
                if (accountId is null)
                {
                    // The same account whoever asks and however often (its idempotency key is the shop's).
                    accountId = (await stripe.OpenAccountAsync(coop, shop, cancellationToken)).Id;
                    await using var session = sessions.OpenSession(coop);
                    var stream = await session.Events.FetchForWriting<ShopPayouts>(shop, cancellationToken);
                    if (stream.Aggregate?.AccountId is null)
                    {
                        stream.AppendOne(new ShopAccountOpened(shop, accountId, clock.GetUtcNow()));
                        await session.SaveChangesAsync(cancellationToken);
                    }
                }

                var back = $"{stripe.Settings.WebBaseUrl.TrimEnd('/')}/{coop.Value}/shops/{shop}/payouts";
                var link = await stripe.LinkAsync(accountId, $"{back}?onboarding=refresh", $"{back}?onboarding=return", cancellationToken);
                return TypedResults.Ok(new OnboardingLinkResponse(shop, accountId, payouts.AccountId is null ? PayoutStates.Onboarding : payouts.State, link.Url, new DateTimeOffset(DateTime.SpecifyKind(link.ExpiresAt, DateTimeKind.Utc))));
            })
            .WithName("StartShopOnboarding")
            .WithSummary("Connect the shop to Stripe (its owners, or an admin): its connected account is made once, and a fresh onboarding link is given each call.")
            .Produces<OnboardingLinkResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Admins see every shop; an owner (as Catalog's latest profile says) their own; anybody else is refused.</summary>
    private static IResult? Allowed(ClaimsPrincipal user, TenantId coop, ShopPayouts? payouts)
    {
        var admin = user.RolesIn(coop).Contains("admin");
        var owner = payouts is not null && Guid.TryParse(user.FindFirstValue("sub"), out var caller) && payouts.Owners.Contains(caller);
        if (!admin && !owner)
        {
            return TypedResults.Forbid();
        }

        return payouts is null ? CodedProblems.Refused("shop.not_found", StatusCodes.Status404NotFound, "Payments has not heard of this shop (yet).") : null;
    }
}
