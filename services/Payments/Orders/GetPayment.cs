using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Orders;

/// <summary>An order's payment as its customer sees it: where it stands and where to pay.</summary>
public sealed record PaymentResponse(
    Guid OrderId, string Status, Money Amount, string? ClientSecret, string? PayUrl, DateTimeOffset PayBy, DateTimeOffset? AuthorisedAt,
    DateTimeOffset? CaptureBefore, string? FailureReason, Money? Captured, IReadOnlyList<CaptureLineResponse> Lines);

/// <summary>One shop's part of the capture, frozen with the policy version that priced it.</summary>
public sealed record CaptureLineResponse(Guid ShopId, Money Subtotal, Money Fee, Money FeeVat, Money Transfer, int PolicyVersion, Guid? ProposalId);

internal static class GetPaymentEndpoint
{
    public static void MapGetPayment(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/coops/{coop}/orders/{order:guid}/payment", async Task<IResult> (TenantId coop, Guid order, HttpContext http, CooperativeSessions sessions, StripeSettings settings, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var payment = await session.LoadAsync<Payment>(order, cancellationToken);
                // Someone else's order answers as an unknown one does: its existence is not for them to learn.
                if (payment is null || payment.IntentId is null || !payment.ReadableBy(http.User, coop))
                {
                    return CodedProblems.Refused("payments.payment_not_found", StatusCodes.Status404NotFound, "No payment for this order (yet).");
                }

                var payable = payment.IsPending;
                return TypedResults.Ok(new PaymentResponse(
                    payment.Id, payment.Status, payment.Total, payable ? payment.ClientSecret : null, payable ? settings.PayUrl(payment.IntentId, payment.ClientSecret!) : null,
                    payment.PayBy, payment.AuthorisedAt, payment.CaptureBefore, payment.FailureReason, payment.Captured,
                    [.. payment.Lines.Select(Line)]));
            })
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithTags("Payments")
            .WithName("GetOrderPayment")
            .WithSummary("The order's payment (its customer, or an admin; anyone else 404): its status, and while pending the client secret and the hosted page to pay on.")
            .Produces<PaymentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>An order's payment (and its documents) are its customer's and the cooperative's admins' to read.</summary>
    public static bool ReadableBy(this Payment payment, ClaimsPrincipal user, TenantId coop) =>
        user.RolesIn(coop).Contains("admin") || (Guid.TryParse(user.FindFirstValue("sub"), out var caller) && caller == payment.CustomerAccountId);

    private static CaptureLineResponse Line(CaptureLine line) => new(line.ShopId, line.Subtotal, line.Fee, line.FeeVat, line.Transfer, line.PolicyVersion, line.ProposalId);
}
