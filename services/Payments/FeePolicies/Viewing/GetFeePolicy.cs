using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.FeePolicies.Viewing;

internal static class GetFeePolicyEndpoint
{
    /// <summary>The fee policy in force and its history: any member of the cooperative may read what the cooperative charges.</summary>
    public static void MapGetFeePolicy(this RouteGroupBuilder group) =>
        group.MapGet("/fee-policy", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var history = await session.LoadAsync<FeePolicyHistory>(FeePolicyHistory.StreamId, cancellationToken);
                return TypedResults.Ok(FeePolicyResponse.Of(history));
            })
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("GetFeePolicy")
            .WithSummary("The cooperative's fee policy in force (version 0 is the default no one set) and every version since.")
            .Produces<FeePolicyResponse>();
}
