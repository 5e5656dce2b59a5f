using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Questions.Answering;

public sealed record AnswerQuestionRequest(string Text, bool Private);

internal sealed class AnswerQuestionRequestValidator : AbstractValidator<AnswerQuestionRequest>
{
    public const int MaxLength = 2000;

    public AnswerQuestionRequestValidator() =>
        RuleFor(r => r.Text)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(text => text.Trim().Length is >= 1 and <= MaxLength)
            .WithMessage($"An answer has 1 to {MaxLength} characters.").WithErrorCode("question.answer_length")
            .OverridePropertyName("text");
}

internal static class AnswerQuestionEndpoint
{
    /// <summary>
    /// The shop answers in its own name (owners, admins); answering again edits the answer. The first
    /// answer tells the asker through the relay (Catalog.QuestionAnswered). The same answer twice changes nothing.
    /// </summary>
    public static void MapAnswerQuestion(this RouteGroupBuilder group) =>
        group.MapPost("/{question:guid}/answer", async Task<IResult> (TenantId coop, Guid shop, Guid question, AnswerQuestionRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                string shopName;
                await using (var query = sessions.QuerySession(coop))
                {
                    shopName = (await query.LoadAsync<Shop>(shop, cancellationToken))!.Name; // RequireShopManager found it
                }

                var decided = await sessions.DecideAsync<Question>(
                    coop,
                    question,
                    current => current.ShopId == shop
                        ? current.Respond(request.Text.Trim(), request.Private, shopName, user.AccountId(), clock.GetUtcNow())
                        : Decision.Refuse(QuestionRefusals.NotForShop),
                    cancellationToken);
                return decided is { State: { } answered, Refusal: null }
                    ? Results.Ok(QuestionResponse.From(answered, user.AccountId()))
                    : CodedProblems.Refused(QuestionRefusals.NotForShop, StatusCodes.Status404NotFound, "No such question for this shop.");
            })
            .RequireShopManager()
            .Validate<AnswerQuestionRequest>()
            .WithName("AnswerQuestion")
            .WithSummary("Answer a question in the shop's name, or edit the answer (owners, admins).")
            .Produces<QuestionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
