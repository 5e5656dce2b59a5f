namespace Marketplace.Contracts.Catalog;

/// <summary>
/// A signed-in customer asked a shop a question about one of its products ("ask the shopkeeper").
/// ShopOwners are the accounts that owned the shop when the question was asked: the ones to tell.
/// The asker is not named: a question is public once answered, its asker never is.
/// </summary>
public sealed record QuestionAsked(
    TenantId Tenant,
    Guid QuestionId,
    Guid ProductId,
    Guid ShopId,
    string ShopName,
    string? ProductNameFr,
    string? ProductNameEn,
    IReadOnlyList<Guid> ShopOwners,
    string Text,
    DateTimeOffset AskedAt) : IIntegrationEvent;

/// <summary>
/// The shop answered a question for the first time (later edits of the answer are not announced).
/// AskerAccountId is for telling the asker only; Private answers are never shown on the product page.
/// ShopName, product names, question and answer texts are there so the asker can be told without another lookup.
/// </summary>
public sealed record QuestionAnswered(
    TenantId Tenant,
    Guid QuestionId,
    Guid ProductId,
    Guid ShopId,
    Guid AskerAccountId,
    bool Private,
    DateTimeOffset AnsweredAt,
    string ShopName,
    string? ProductNameFr,
    string? ProductNameEn,
    string QuestionText,
    string AnswerText) : IIntegrationEvent;
