using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Settings.Viewing;

internal static class GetOrderingSettingsEndpoint
{
    /// <summary>The cooperative's order settings (the defaults until an admin sets them).</summary>
    public static void MapGetOrderingSettings(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(SettingsView.Of(await OrderingSettings.ReadAsync(session, cancellationToken)));
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("GetOrderingSettings")
            .WithSummary("How long a customer has to pay, and a shop to answer its sub-order (minutes).")
            .Produces<SettingsView>();
}

/// <summary>The settings as the API shows them; Version is the one to send back as expectedVersion.</summary>
public sealed record SettingsView(int PayWithinMinutes, int AnswerWithinMinutes, long Version)
{
    public static SettingsView Of(OrderingSettings s) => new(s.PayWithinMinutes, s.AnswerWithinMinutes, s.Version);
}
