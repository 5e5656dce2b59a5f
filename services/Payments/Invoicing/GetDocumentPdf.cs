using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Invoicing;

/// <summary>The language the PDF is written in: fr (the default) or en.</summary>
public sealed record DocumentPdfRequest([FromQuery(Name = "language")] string? Language);

internal sealed class DocumentPdfRequestValidator : AbstractValidator<DocumentPdfRequest>
{
    public DocumentPdfRequestValidator() =>
        RuleFor(r => r.Language).Must(language => language is null or "fr" or "en")
            .OverridePropertyName("language").WithMessage("The document is written in fr or en.").WithErrorCode("ledger.language");
}

internal static class GetDocumentPdfEndpoint
{
    public static void MapGetDocumentPdf(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/coops/{coop}/payments/documents/{document:guid}/pdf", async Task<IResult> (TenantId coop, Guid document, [AsParameters] DocumentPdfRequest request, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                if (await session.ReadableAsync(http.User, coop, document, cancellationToken) is not { } found)
                {
                    return DocumentAccess.Unknown();
                }

                var pdf = DocumentPdf.Render(new IssuedDocument(found.Id, found.Number, found.IssuedAt, found.Content), found.CorrectsNumber, request.Language ?? "fr");
                return TypedResults.File(pdf, "application/pdf", $"{found.Number}.pdf");
            })
            .RequireAuthorization()
            .Validate<DocumentPdfRequest>()
            .WithTags("Payments")
            .WithName("GetPaymentDocumentPdf")
            .WithSummary("The document as a PDF to download or print (?language=fr|en; the same readers as the document).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
