using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.Ordering.Settings.Viewing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Settings.Changing;

/// <summary>PUT /api/coops/{coop}/ordering/settings; expectedVersion is the version read (0 for the defaults).</summary>
public sealed record OrderingSettingsRequest(int PayWithinMinutes, int AnswerWithinMinutes, long ExpectedVersion);

internal sealed class OrderingSettingsRequestValidator : AbstractValidator<OrderingSettingsRequest>
{
    public OrderingSettingsRequestValidator()
    {
        RuleFor(r => r.PayWithinMinutes).InclusiveBetween(5, 24 * 60).OverridePropertyName("payWithinMinutes");
        RuleFor(r => r.AnswerWithinMinutes).InclusiveBetween(5, 3 * 24 * 60).OverridePropertyName("answerWithinMinutes");
        RuleFor(r => r.ExpectedVersion).GreaterThanOrEqualTo(0).OverridePropertyName("expectedVersion");
    }
}

internal static class ChangeOrderingSettingsEndpoint
{
    public const string StaleVersion = "ordering.settings_version_stale";

    /// <summary>Changes the settings for orders placed or paid from now on (orders under way keep their deadlines); 409 when another admin changed them since.</summary>
    public static void MapChangeOrderingSettings(this RouteGroupBuilder group) =>
        group.MapPut("/", async (TenantId coop, OrderingSettingsRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.OpenSession(coop);
                var current = await OrderingSettings.ReadAsync(session, cancellationToken);
                if (current.Version != request.ExpectedVersion)
                {
                    return CodedProblems.Field("expectedVersion", StaleVersion, "The settings changed since you read them.", StatusCodes.Status409Conflict);
                }

                var changed = current with { PayWithinMinutes = request.PayWithinMinutes, AnswerWithinMinutes = request.AnswerWithinMinutes, Version = current.Version + 1 };
                session.Store(changed);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(SettingsView.Of(changed));
            })
            .Validate<OrderingSettingsRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ChangeOrderingSettings")
            .WithSummary("Set how long a customer has to pay and a shop to answer (minutes), with the version read.")
            .Produces<SettingsView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
