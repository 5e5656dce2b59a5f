using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Questions.Asking;

public sealed record AskQuestionRequest(string Text);

internal sealed class AskQuestionRequestValidator : AbstractValidator<AskQuestionRequest>
{
    public const int MinLength = 5;
    public const int MaxLength = 1000;

    public AskQuestionRequestValidator() =>
        RuleFor(r => r.Text)
            .NotEmpty()
            .Must(text => text.Trim().Length is >= MinLength and <= MaxLength)
            .WithMessage($"A question has {MinLength} to {MaxLength} characters.");
}

internal static class AskQuestionEndpoint
{
    /// <summary>
    /// Any signed-in person may ask (a customer may shop in any cooperative) about an active product of an
    /// approved shop. The shop hears of it through the relay (Catalog.QuestionAsked).
    /// </summary>
    public static void MapAskQuestion(this RouteGroupBuilder group) =>
        group.MapPost("/", async Task<IResult> (TenantId coop, Guid product, AskQuestionRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (user.AccountId() is not { } asker)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a signed-in person may ask a question.");
                }

                await using var session = sessions.OpenSession(coop);
                var found = await session.LoadAsync<Product>(product, cancellationToken);
                var shop = found is null ? null : await session.LoadAsync<Shop>(found.ShopId, cancellationToken);
                if (found is not { IsActive: true } || shop is not { IsApproved: true })
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product in this cooperative.");
                }

                var open = await session.Query<Question>()
                    .CountAsync(q => q.ProductId == product && q.AskerAccountId == asker && !q.Answered, cancellationToken);
                if (open >= Question.MaxOpenPerAskerAndProduct)
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many unanswered questions.",
                        detail: $"You already have {open} questions waiting for an answer on this product; wait for the shop to answer them.");
                }

                var asked = new QuestionAsked(
                    Guid.CreateVersion7(), product, shop.Id, asker, request.Text.Trim(), shop.Name, found.Name, shop.Owners, clock.GetUtcNow());
                session.Events.StartStream<Question>(asked.QuestionId, asked);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created(
                    $"/api/coops/{coop}/products/{product}/questions/{asked.QuestionId}",
                    QuestionResponse.From(Question.Create(asked), asker));
            })
            .Validate<AskQuestionRequest>()
            .RequireAuthorization()
            .WithName("AskQuestion")
            .WithSummary("Ask the shop a question about one of its products (signed in; at most 5 unanswered per product and person, else 429).")
            .Produces<QuestionResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
