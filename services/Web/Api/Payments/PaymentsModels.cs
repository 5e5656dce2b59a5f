using Marketplace.Contracts;

namespace Marketplace.Web.Api.Payments;

// Payments' answers as the web app reads them, held against docs/openapi/payments.json by ApiSchemaTests.

/// <summary>
/// An order's payment as its customer sees it (GET /api/coops/{coop}/orders/{order}/payment): while pending, the
/// hosted page to pay on (the local Stripe sandbox's, which takes a return_url to come back to).
/// </summary>
public sealed record OrderPayment(
    Guid OrderId, string Status, Money Amount, string? PayUrl, DateTimeOffset PayBy, DateTimeOffset? AuthorisedAt, string? FailureReason, Money? Captured);
