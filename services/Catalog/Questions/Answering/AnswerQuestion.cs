using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

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
            .WithMessage($"An answer has 1 to {MaxLength} characters.")
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
                await using var session = sessions.OpenSession(coop);
                var stream = await session.Events.FetchForWriting<Question>(question, cancellationToken);
                var owner = await session.LoadAsync<Shop>(shop, cancellationToken);
                if (stream.Aggregate is not { } current || current.ShopId != shop || owner is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such question for this shop.");
                }

                var events = current.Respond(request.Text.Trim(), request.Private, owner.Name, user.AccountId(), clock.GetUtcNow());
                if (events.Length == 0)
                {
                    return Results.Ok(QuestionResponse.From(current, user.AccountId()));
                }

                stream.AppendMany(events);
                await session.SaveChangesAsync(cancellationToken);
                var answered = events.Aggregate(current, (q, e) => e switch
                {
                    QuestionAnswered a => q.Apply(a),
                    QuestionAnswerEdited edited => q.Apply(edited),
                    _ => q,
                });
                return Results.Ok(QuestionResponse.From(answered, user.AccountId()));
            })
            .RequireShopManager()
            .Validate<AnswerQuestionRequest>()
            .WithName("AnswerQuestion")
            .WithSummary("Answer a question in the shop's name, or edit the answer (owners, admins).")
            .Produces<QuestionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
