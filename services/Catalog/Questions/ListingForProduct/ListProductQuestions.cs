using System.Security.Claims;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Questions.ListingForProduct;

internal static class ListProductQuestionsEndpoint
{
    /// <summary>The most a product page shows.</summary>
    public const int Limit = 100;

    /// <summary>Public: the answered questions the shop did not keep private, newest first, without their askers.</summary>
    public static void MapListProductQuestions(this RouteGroupBuilder group) =>
        group.MapGet("/", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                if (await session.LoadAsync<Product>(product, cancellationToken) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product in this cooperative.");
                }

                var questions = await session.Query<Question>()
                    .Where(q => q.ProductId == product && q.Answered && !q.Private)
                    .OrderByDescending(q => q.AskedAt)
                    .Take(Limit)
                    .ToListAsync(cancellationToken);
                var caller = user.AccountId();
                return Results.Ok(questions.Select(q => QuestionResponse.From(q, caller)).ToList());
            })
            .AllowAnonymous()
            .WithName("ListProductQuestions")
            .WithSummary("Answered public questions on a product, newest first (at most 100).")
            .Produces<List<QuestionResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
