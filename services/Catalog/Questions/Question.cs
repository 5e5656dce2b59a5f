using Marketplace.Catalog.Common;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Catalog.Questions;

/// <summary>
/// A signed-in customer asked a shop about one of its products. It carries what the notification needs
/// (the shop's name and owners, the product's name, as they were when asked), so the relay can tell the
/// shop from this event alone.
/// </summary>
public sealed record QuestionAsked(
    Guid QuestionId,
    Guid ProductId,
    Guid ShopId,
    Guid AskerAccountId,
    string Text,
    string ShopName,
    LocalizedText ProductName,
    IReadOnlyList<Guid> ShopOwners,
    DateTimeOffset AskedAt);

/// <summary>
/// The shop answered for the first time, in its own name; AnsweredBy is the account that wrote it (kept
/// internal). The question's text, product and asker are repeated so the relay can tell the asker from this event alone.
/// </summary>
public sealed record QuestionAnswered(
    Guid QuestionId,
    Guid ProductId,
    Guid ShopId,
    Guid AskerAccountId,
    string Text,
    bool Private,
    string ShopName,
    Guid? AnsweredBy,
    DateTimeOffset AnsweredAt,
    string QuestionText,
    LocalizedText ProductName);

/// <summary>The shop changed its answer (text and/or whether it is private).</summary>
public sealed record QuestionAnswerEdited(Guid QuestionId, string Text, bool Private, string ShopName, Guid? EditedBy, DateTimeOffset EditedAt);

public sealed record QuestionAnswer(string Text, string ShopName, Guid? AnsweredBy, DateTimeOffset AnsweredAt, DateTimeOffset? EditedAt);

/// <summary>Why a question refuses a change: stable codes, translated by the clients.</summary>
public static class QuestionRefusals
{
    /// <summary>The question is not about one of this shop's products (answered as "no such question").</summary>
    public const string NotForShop = "question.not_for_shop";
}

/// <summary>
/// One question on a product, event-sourced in its own stream; the snapshot is kept inline for reads.
/// The asker's account id never leaves the service in a response.
/// </summary>
public sealed record Question(
    Guid Id,
    Guid ProductId,
    Guid ShopId,
    Guid AskerAccountId,
    string Text,
    string ShopName,
    LocalizedText ProductName,
    DateTimeOffset AskedAt,
    bool Answered,
    bool Private,
    QuestionAnswer? Answer) : IEventSourced<Question>
{
    /// <summary>At most this many unanswered questions per asker and product: enough to ask, too few to flood a shop.</summary>
    public const int MaxOpenPerAskerAndProduct = 5;

    public static Question? Fold(Question? state, object change) => (state, change) switch
    {
        (null, QuestionAsked e) => new Question(
            e.QuestionId, e.ProductId, e.ShopId, e.AskerAccountId, e.Text, e.ShopName, e.ProductName, e.AskedAt,
            Answered: false, Private: false, Answer: null),
        ({ } q, QuestionAnswered e) => q with
        {
            Answered = true,
            Private = e.Private,
            Answer = new QuestionAnswer(e.Text, e.ShopName, e.AnsweredBy, e.AnsweredAt, null),
        },
        ({ } q, QuestionAnswerEdited e) => q with
        {
            Private = e.Private,
            Answer = q.Answer is { } answer
                ? answer with { Text = e.Text, ShopName = e.ShopName, AnsweredBy = e.EditedBy, EditedAt = e.EditedAt }
                : new QuestionAnswer(e.Text, e.ShopName, e.EditedBy, e.EditedAt, null),
        },
        _ => state,
    };

    /// <summary>The shop answers, or edits its answer; the same answer again changes nothing.</summary>
    public Decision Respond(string text, bool isPrivate, string shopName, Guid? by, DateTimeOffset now) => Answer switch
    {
        null => Decision.To(new QuestionAnswered(Id, ProductId, ShopId, AskerAccountId, text, isPrivate, shopName, by, now, Text, ProductName)),
        { } current when current.Text == text && Private == isPrivate && current.ShopName == shopName => Decision.Unchanged,
        _ => Decision.To(new QuestionAnswerEdited(Id, text, isPrivate, shopName, by, now)),
    };
}

public sealed record AnswerResponse(string Text, DateTimeOffset AnsweredAt, DateTimeOffset? EditedAt, string ShopName);

/// <summary>What clients see of a question: never who asked it, only whether the caller did (mine).</summary>
public sealed record QuestionResponse(
    Guid Id,
    Guid ProductId,
    Guid ShopId,
    string ShopName,
    string Text,
    DateTimeOffset AskedAt,
    AnswerResponse? Answer,
    bool Private,
    bool Mine)
{
    public static QuestionResponse From(Question question, Guid? caller) => new(
        question.Id,
        question.ProductId,
        question.ShopId,
        question.ShopName,
        question.Text,
        question.AskedAt,
        question.Answer is { } a ? new AnswerResponse(a.Text, a.AnsweredAt, a.EditedAt, a.ShopName) : null,
        question.Private,
        caller is { } id && id == question.AskerAccountId);
}
