using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>Customers' questions on the shop's products: the shop answers in its own name, publicly or privately.</summary>
public sealed class QuestionsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public IReadOnlyList<Question> Unanswered { get; private set; } = [];

    public IReadOnlyList<Question> Answered { get; private set; } = [];

    /// <summary>The shop's product names by id (questions name their product by id only).</summary>
    public IReadOnlyDictionary<Guid, string> ProductNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty]
    public Guid QuestionId { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public bool KeepPrivate { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, shop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (string.IsNullOrWhiteSpace(Answer))
        {
            ModelState.AddModelError($"Answer-{QuestionId}", Texts["Errors.Required"]);
            return Page();
        }

        var result = await Api.AnswerQuestionAsync(Token, Tenant, shop, QuestionId, Answer.Trim(), KeepPrivate, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, new Dictionary<string, string> { ["text"] = $"Answer-{QuestionId}" });
            return Page();
        }

        Notice = Texts[KeepPrivate ? "Shops.Questions.AnsweredPrivately" : "Shops.Questions.AnsweredPublicly"];
        return LocalRedirect($"{BackOfficeUrl}/questions");
    }

    public string ProductName(Question question) =>
        ProductNames.TryGetValue(question.ProductId, out var name) ? name : Texts["Shops.Questions.AProduct"];

    public string Asked(Question question) =>
        string.Format(CultureInfo.CurrentCulture, Texts["Shops.Questions.Asked"], CooperativeTime.Local(question.AskedAt).ToString("g", CultureInfo.CurrentCulture));

    private async Task<IActionResult?> LoadAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var questions = await Api.ListShopQuestionsAsync(Token, Tenant, shop, QuestionFilter.All, cancellationToken);
        if (Refused(questions) is { } refused)
        {
            return refused;
        }

        var all = Required(questions);
        Unanswered = [.. all.Where(question => question.Answer is null).OrderBy(question => question.AskedAt)];
        Answered = [.. all.Where(question => question.Answer is not null).OrderByDescending(question => question.Answer!.AnsweredAt)];
        var products = await Api.ListShopProductsAsync(Token, Tenant, shop, ProductListFilter.All, false, cancellationToken);
        ProductNames = (products.Value ?? []).ToDictionary(product => product.Id, product => product.Name.In(CultureInfo.CurrentUICulture));
        return null;
    }
}
