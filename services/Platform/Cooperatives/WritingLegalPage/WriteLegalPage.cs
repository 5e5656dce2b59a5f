using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;

namespace Marketplace.Platform.Cooperatives.WritingLegalPage;

/// <summary>A legal page's text in French and/or English: plain text, paragraphs split by blank lines; blank = not written in that language.</summary>
public sealed record WriteLegalPage(string? Fr, string? En);

internal sealed class WriteLegalPageValidator : AbstractValidator<WriteLegalPage>
{
    public WriteLegalPageValidator()
    {
        RuleFor(w => w.Fr).Must(fr => !string.IsNullOrWhiteSpace(fr)).When(w => string.IsNullOrWhiteSpace(w.En))
            .WithMessage("Write the page in French, in English or in both.").WithErrorCode("legal.text_required");
        RuleFor(w => w.Fr).MaximumLength(LegalPages.MaxLength).WithErrorCode("legal.too_long")
            .WithMessage($"At most {LegalPages.MaxLength:N0} characters.")
            .Must(PlainText).WithMessage("The text holds a control character; write plain text.").WithErrorCode("legal.control_character");
        RuleFor(w => w.En).MaximumLength(LegalPages.MaxLength).WithErrorCode("legal.too_long")
            .WithMessage($"At most {LegalPages.MaxLength:N0} characters.")
            .Must(PlainText).WithMessage("The text holds a control character; write plain text.").WithErrorCode("legal.control_character");
    }

    /// <summary>Letters, line breaks and tabs; no other control character (a NUL is refused before, as in every request; none belongs in a page).</summary>
    private static bool PlainText(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}

/// <summary>A cooperative's admins write (or rewrite) one of its legal pages; the public reads it at once.</summary>
internal static class WriteLegalPageEndpoint
{
    public static void MapWriteLegalPage(this RouteGroupBuilder group) =>
        group.MapPut("/{coop}/legal/{page}", async Task<IResult> (TenantId coop, string page, WriteLegalPage request, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!LegalPages.IsKnown(page))
                {
                    return LegalPages.UnknownPage();
                }

                await using var session = store.LightweightSession();
                if (await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is not { Status: CooperativeStatus.Active })
                {
                    return LegalPages.NoCooperative();
                }

                var written = new CooperativeLegalPage
                {
                    Id = CooperativeLegalPage.IdFor(coop.Value, page),
                    Cooperative = coop.Value,
                    Page = page,
                    Fr = Clean(request.Fr),
                    En = Clean(request.En),
                    UpdatedAt = clock.GetUtcNow(),
                };
                session.Store(written);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Ok(LegalPageResponse.From(written));
            })
            .Validate<WriteLegalPage>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("WriteLegalPage")
            .WithSummary("Write a cooperative's legal notice (notice), terms of sale (terms) or privacy notice (privacy) in French and/or English, plain text of at most 20,000 characters each (its admins only); it replaces the page as a whole.")
            .Produces<LegalPageResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Line breaks as \n, no trailing spaces around the whole; blank is "not written in this language".</summary>
    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
