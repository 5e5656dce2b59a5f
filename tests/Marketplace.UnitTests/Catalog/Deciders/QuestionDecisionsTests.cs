using Marketplace.Catalog.Common;
using Marketplace.Catalog.Questions;

namespace Marketplace.UnitTests.Catalog.Deciders;

/// <summary>Answering a question without a database: the first answer tells the asker, later ones edit it, the same one changes nothing.</summary>
public sealed class QuestionDecisionsTests
{
    private static readonly DateTimeOffset Asked = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Baker = Guid.NewGuid();

    private static Question New() => Question.Fold(null, new QuestionAsked(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Sans gluten ?", "Boulangerie Martin",
        new LocalizedText("Pain de campagne", null), [Baker], Asked))!;

    [Fact]
    public void The_first_answer_carries_what_telling_the_asker_needs()
    {
        var question = New();

        var answered = Assert.IsType<QuestionAnswered>(Assert.Single(question.Respond("Non, désolée.", false, "Boulangerie Martin", Baker, Asked.AddHours(1)).Events));
        var after = Question.Fold(question, answered)!;

        Assert.Equal((question.AskerAccountId, question.Text, question.ProductName), (answered.AskerAccountId, answered.QuestionText, answered.ProductName));
        Assert.True(after.Answered);
        Assert.Equal(("Non, désolée.", (DateTimeOffset?)null), (after.Answer!.Text, after.Answer.EditedAt));
    }

    [Fact]
    public void Answering_again_edits_and_the_same_answer_changes_nothing()
    {
        var question = New();
        var answered = Question.Fold(question, Assert.Single(question.Respond("Non.", false, "Boulangerie Martin", Baker, Asked.AddHours(1)).Events))!;

        Assert.Empty(answered.Respond("Non.", false, "Boulangerie Martin", Baker, Asked.AddHours(2)).Events);
        var edited = Assert.IsType<QuestionAnswerEdited>(Assert.Single(answered.Respond("Non.", true, "Boulangerie Martin", Baker, Asked.AddHours(2)).Events));
        var after = Question.Fold(answered, edited)!;

        Assert.True(after.Private);
        Assert.Equal((Asked.AddHours(1), (DateTimeOffset?)Asked.AddHours(2)), (after.Answer!.AnsweredAt, after.Answer.EditedAt));
    }
}
