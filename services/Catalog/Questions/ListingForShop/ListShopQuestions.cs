using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Questions.ListingForShop;

public static class QuestionStatusFilter
{
    public const string Unanswered = "unanswered";
    public const string Answered = "answered";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Values = [Unanswered, Answered, All];
}

internal static class ListShopQuestionsEndpoint
{
    /// <summary>The most of each kind (unanswered, answered) one call returns.</summary>
    public const int Limit = 200;

    /// <summary>
    /// The shop's inbox (owners, admins): every question including private ones, the oldest unanswered
    /// first, then the answered ones newest first.
    /// </summary>
    public static void MapListShopQuestions(this RouteGroupBuilder group) =>
        group.MapGet("/", async Task<IResult> (TenantId coop, Guid shop, string? status, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                status ??= QuestionStatusFilter.All;
                if (!QuestionStatusFilter.Values.Contains(status))
                {
                    return CodedProblems.Field("status", "question.status_filter", $"The status is one of {string.Join(", ", QuestionStatusFilter.Values)}.");
                }

                await using var session = sessions.QuerySession(coop);
                var questions = new List<Question>();
                if (status != QuestionStatusFilter.Answered)
                {
                    questions.AddRange(await session.Query<Question>()
                        .Where(q => q.ShopId == shop && !q.Answered)
                        .OrderBy(q => q.AskedAt)
                        .Take(Limit)
                        .ToListAsync(cancellationToken));
                }

                if (status != QuestionStatusFilter.Unanswered)
                {
                    questions.AddRange(await session.Query<Question>()
                        .Where(q => q.ShopId == shop && q.Answered)
                        .OrderByDescending(q => q.AskedAt)
                        .Take(Limit)
                        .ToListAsync(cancellationToken));
                }

                var caller = user.AccountId();
                return Results.Ok(questions.Select(q => QuestionResponse.From(q, caller)).ToList());
            })
            .RequireShopManager()
            .WithName("ListShopQuestions")
            .WithSummary("The shop's questions, private ones included: oldest unanswered first, then answered newest first (at most 200 of each).")
            .Produces<List<QuestionResponse>>()
            .ProducesValidationProblem();
}
