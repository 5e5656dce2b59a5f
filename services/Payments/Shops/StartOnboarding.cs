using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Shops;

internal static class StartOnboardingEndpoint
{
    /// <summary>An owner (or an admin) connects the shop: the account is made once (key per shop), a fresh link every call.</summary>
    public static void MapStartOnboarding(this RouteGroupBuilder group) =>
        group.MapPost("/onboarding", async Task<IResult> (TenantId coop, Guid shop, HttpContext http, CooperativeSessions sessions, PaymentsStripe stripe, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                ShopPayouts? payouts;
                await using (var query = sessions.QuerySession(coop))
                {
                    payouts = await query.LoadAsync<ShopPayouts>(shop, cancellationToken);
                }

                if (ShopPayoutsAccess.Allowed(http.User, coop, payouts) is { } refused)
                {
                    return refused;
                }

                var accountId = payouts!.AccountId;
                if (accountId is null)
                {
                    // The same account whoever asks and however often (its idempotency key is the shop's).
                    var opened = (await stripe.OpenAccountAsync(coop, shop, cancellationToken)).Id;
                    accountId = opened;
                    // Catalog's profile of the shop (its approval) may be appended to the same stream at this moment: again.
                    await ConcurrencyRetry.RetryAsync(async () =>
                    {
                        await using var session = sessions.OpenSession(coop);
                        var stream = await session.Events.FetchForWriting<ShopPayouts>(shop, cancellationToken);
                        if (stream.Aggregate?.AccountId is null)
                        {
                            stream.AppendOne(new ShopAccountOpened(shop, opened, clock.GetUtcNow()));
                            await session.SaveChangesAsync(cancellationToken);
                        }

                        return true;
                    });
                }

                // The web app's payouts page; /c/... is its language-neutral address, sent on to the owner's language.
                var back = $"{stripe.Settings.WebBaseUrl.TrimEnd('/')}/c/{coop.Value}/back-office/{shop}/payouts";
                var link = await stripe.LinkAsync(accountId, $"{back}?onboarding=refresh", $"{back}?onboarding=return", cancellationToken);
                return TypedResults.Ok(new OnboardingLinkResponse(shop, accountId, payouts.AccountId is null ? PayoutStates.Onboarding : payouts.State, link.Url, new DateTimeOffset(DateTime.SpecifyKind(link.ExpiresAt, DateTimeKind.Utc))));
            })
            .WithName("StartShopOnboarding")
            .WithSummary("Connect the shop to Stripe (its owners, or an admin): its connected account is made once, and a fresh onboarding link is given each call.")
            .Produces<OnboardingLinkResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
