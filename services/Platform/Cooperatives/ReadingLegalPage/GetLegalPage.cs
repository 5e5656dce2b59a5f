using Marketplace.Contracts;
using Marten;

namespace Marketplace.Platform.Cooperatives.ReadingLegalPage;

/// <summary>Public: a cooperative's legal notice, terms of sale or privacy notice as its admins wrote it (404 until written).</summary>
internal static class GetLegalPageEndpoint
{
    public static void MapGetLegalPage(this RouteGroupBuilder group) =>
        group.MapGet("/{coop}/legal/{page}", async Task<IResult> (TenantId coop, string page, IQuerySession session, CancellationToken cancellationToken) =>
            {
                if (!LegalPages.IsKnown(page))
                {
                    return LegalPages.UnknownPage();
                }

                if (await session.LoadAsync<Cooperative>(coop.Value, cancellationToken) is not { Status: CooperativeStatus.Active })
                {
                    return LegalPages.NoCooperative();
                }

                return await session.LoadAsync<CooperativeLegalPage>(CooperativeLegalPage.IdFor(coop.Value, page), cancellationToken) is { } written
                    ? Results.Ok(LegalPageResponse.From(written))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This page is not written yet.", extensions: new Dictionary<string, object?> { ["code"] = "legal.not_written" });
            })
            .AllowAnonymous()
            .WithName("GetLegalPage")
            .WithSummary("A cooperative's legal notice (notice), terms of sale (terms) or privacy notice (privacy), in French and/or English, as plain text (anyone; 404 until its admins write it).")
            .Produces<LegalPageResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
