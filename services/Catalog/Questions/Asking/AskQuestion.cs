using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;

namespace Marketplace.Catalog.Questions.Asking;

public sealed record AskQuestionRequest(string Text);

internal sealed class AskQuestionRequestValidator : AbstractValidator<AskQuestionRequest>
{
    public const int MinLength = 5;
    public const int MaxLength = 1000;

    public AskQuestionRequestValidator() =>
        RuleFor(r => r.Text)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(text => text.Trim().Length is >= MinLength and <= MaxLength)
            .WithMessage($"A question has {MinLength} to {MaxLength} characters.").WithErrorCode("question.text_length")
            .OverridePropertyName("text");
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

                // One ask at a time per person and product (a transaction lock), so parallel requests cannot pass the limit together.
                await session.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)", session.Connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = LockKey(asker, product) });
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                var open = await session.Query<Question>()
                    .CountAsync(q => q.ProductId == product && q.AskerAccountId == asker && !q.Answered, cancellationToken);
                if (open >= Question.MaxOpenPerAskerAndProduct)
                {
                    return CodedProblems.Refused(
                        "question.too_many_open",
                        StatusCodes.Status429TooManyRequests,
                        "Too many unanswered questions.",
                        detail: $"You already have {open} questions waiting for an answer on this product; wait for the shop to answer them.");
                }

                var asked = new QuestionAsked(
                    Guid.CreateVersion7(), product, shop.Id, asker, request.Text.Trim(), shop.Name, found.Name, shop.Owners, clock.GetUtcNow());
                session.Events.StartStream<Question>(asked.QuestionId, asked);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created(
                    $"/api/coops/{coop}/products/{product}/questions/{asked.QuestionId}",
                    QuestionResponse.From(Question.Fold(null, asked)!, asker));
            })
            .Validate<AskQuestionRequest>()
            .RequireAuthorization()
            .WithName("AskQuestion")
            .WithSummary("Ask the shop a question about one of its products (signed in; at most 5 unanswered per product and person, else 429).")
            .Produces<QuestionResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>The same for every replica (unlike string.GetHashCode): the first 8 bytes of SHA-256 over both ids.</summary>
    private static long LockKey(Guid asker, Guid product) =>
        BitConverter.ToInt64(SHA256.HashData([.. asker.ToByteArray(), .. product.ToByteArray()]));
}
