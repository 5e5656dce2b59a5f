using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Payments.Shops;
using Marten;

namespace Marketplace.Payments.Invoicing;

/// <summary>A document as the API gives it: its number, when it was issued, the number of the document it corrects, and what it says.</summary>
public sealed record DocumentResponse(Guid Id, string Number, DateTimeOffset IssuedAt, string? CorrectsNumber, DocumentContent Content);

internal static class DocumentAccess
{
    public const string NotFound = "payments.document_not_found";

    /// <summary>
    /// Who may read a document: an admin of the cooperative, the customer of a receipt or its credit note, and the owners
    /// of the shop it is about. Anybody else is answered as if it did not exist.
    /// </summary>
    public static async Task<DocumentResponse?> ReadableAsync(this IQuerySession session, ClaimsPrincipal user, TenantId coop, Guid id, CancellationToken cancellationToken)
    {
        if (await session.DocumentAsync(id, cancellationToken) is not { } document)
        {
            return null;
        }

        var caller = Guid.TryParse(user.FindFirstValue("sub"), out var sub) ? sub : (Guid?)null;
        var allowed = user.RolesIn(coop).Contains("admin")
            || (caller is not null && document.Content.CustomerId == caller)
            || (caller is { } account && (await session.LoadAsync<ShopPayouts>(document.Content.ShopId, cancellationToken))?.Owners.Contains(account) == true);
        if (!allowed)
        {
            return null;
        }

        var corrects = document.Content.Corrects is { } corrected ? (await session.DocumentAsync(corrected, cancellationToken))?.Number : null;
        return new DocumentResponse(document.Id, document.Number, document.IssuedAt, corrects, document.Content);
    }

    public static IResult Unknown() => CodedProblems.Refused(NotFound, StatusCodes.Status404NotFound, "No such document.");
}
