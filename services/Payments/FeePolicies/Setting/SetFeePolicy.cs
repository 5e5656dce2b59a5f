using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.FeePolicies.Setting;

/// <summary>
/// PUT /api/coops/{coop}/payments/fee-policy: the new terms, in force for orders placed from now on. ExpectedVersion is
/// the version the admin read (GET's "version"); every member is required, so a forgotten one never means 0 %.
/// </summary>
public sealed record FeePolicyRequest(int? ExpectedVersion, int? FeeRate, string? FeeBase, int? FeeVatRate, string? StripeRefundFeeBorneBy)
{
    public FeeTerms ToTerms() => new(FeeRate!.Value, FeeBase!, FeeVatRate!.Value, StripeRefundFeeBorneBy!);
}

internal sealed class FeePolicyRequestValidator : AbstractValidator<FeePolicyRequest>
{
    public FeePolicyRequestValidator()
    {
        RuleFor(r => r.ExpectedVersion).NotNull().GreaterThanOrEqualTo(0).OverridePropertyName("expectedVersion");
        RuleFor(r => r.FeeRate).NotNull().InclusiveBetween(0, FeeTerms.MaxBasisPoints).OverridePropertyName("feeRate");
        RuleFor(r => r.FeeBase).NotEmpty().OverridePropertyName("feeBase");
        RuleFor(r => r.FeeBase).Must(value => FeeBases.All.Contains(value, StringComparer.Ordinal)).When(r => !string.IsNullOrEmpty(r.FeeBase))
            .OverridePropertyName("feeBase").WithMessage("The fee base is includingVat or excludingVat.").WithErrorCode("fee.base");
        RuleFor(r => r.FeeVatRate).NotNull().InclusiveBetween(0, FeeTerms.MaxBasisPoints).OverridePropertyName("feeVatRate");
        RuleFor(r => r.StripeRefundFeeBorneBy).NotEmpty().OverridePropertyName("stripeRefundFeeBorneBy");
        RuleFor(r => r.StripeRefundFeeBorneBy).Must(value => StripeRefundFeeBearers.All.Contains(value, StringComparer.Ordinal)).When(r => !string.IsNullOrEmpty(r.StripeRefundFeeBorneBy))
            .OverridePropertyName("stripeRefundFeeBorneBy").WithMessage("Stripe's fee on refunds is borne by the cooperative or the shop.").WithErrorCode("fee.refund_fee_bearer");
    }
}

internal static class SetFeePolicyEndpoint
{
    /// <summary>An admin of the cooperative sets new terms: a new version, in force from now (the same terms again change nothing).</summary>
    public static void MapSetFeePolicy(this RouteGroupBuilder group) =>
        group.MapPut("/fee-policy", async Task<IResult> (TenantId coop, FeePolicyRequest request, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var admin = Admin.Of(http.User);
                var decided = await sessions.DecideOrStartAsync<FeePolicyHistory>(
                    coop,
                    FeePolicyHistory.StreamId,
                    history => FeePolicy.Set(history, request.ExpectedVersion!.Value, request.ToTerms(), admin, clock.GetUtcNow()),
                    cancellationToken);
                return decided.Refusal is { } code ? FeePolicyProblems.Refused(code) : TypedResults.Ok(FeePolicyResponse.Of(decided.State));
            })
            .Validate<FeePolicyRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("SetFeePolicy")
            .WithSummary("Set the cooperative's fee policy from now on (its admins only): a new version, with the version read as expectedVersion.")
            .Produces<FeePolicyResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
