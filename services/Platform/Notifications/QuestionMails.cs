using Marketplace.Contracts;

namespace Marketplace.Platform.Notifications;

/// <summary>The words of the "ask the shopkeeper" mails, in French or English (anything else gets English).</summary>
public static class QuestionMails
{
    public static string ProductName(string language, string? fr, string? en) =>
        (language == "fr" ? Pick(fr, en) : Pick(en, fr)) ?? (language == "fr" ? "un produit" : "a product");

    /// <summary>The shop's back office questions page, in the reader's language (the web app's addresses name it: ADR 23).</summary>
    public static string ShopQuestionsLink(string baseUrl, string language, TenantId coop, Guid shop) =>
        $"{baseUrl}/{language}/coops/{coop}/back-office/{shop}/questions";

    public static string ProductLink(string baseUrl, string language, TenantId coop, Guid product) =>
        $"{baseUrl}/{language}/coops/{coop}/products/{product}";

    /// <summary>To an owner of the shop: a customer asked something.</summary>
    public static (string Subject, string Body) Asked(string language, string name, string shop, string product, string question, string link) => language switch
    {
        "fr" => ($"Nouvelle question sur « {product} »",
            $"Bonjour {name},\n\nUn client a posé une question à {shop} sur « {product} » :\n\n{Quote(question)}\n\n" +
            $"Répondez-lui depuis l'espace de votre boutique (vous pouvez garder la réponse privée) :\n{link}\n"),
        _ => ($"New question about \"{product}\"",
            $"Hello {name},\n\nA customer asked {shop} a question about \"{product}\":\n\n{Quote(question)}\n\n" +
            $"Answer it from your shop's back office (you may keep the answer private):\n{link}\n"),
    };

    /// <summary>To the asker: the shop answered.</summary>
    public static (string Subject, string Body) Answered(string language, string name, string shop, string product, string question, string answer, bool isPrivate, string link) => language switch
    {
        "fr" => ($"{shop} a répondu à votre question",
            $"Bonjour {name},\n\n{shop} a répondu à votre question sur « {product} ».\n\nVotre question :\n{Quote(question)}\n\n" +
            $"Sa réponse :\n{Quote(answer)}\n\n" +
            (isPrivate ? "Cette réponse vous est réservée : elle ne sera pas publiée sur la page du produit.\n\n" : "") +
            $"Voir le produit :\n{link}\n"),
        _ => ($"{shop} answered your question",
            $"Hello {name},\n\n{shop} answered your question about \"{product}\".\n\nYour question:\n{Quote(question)}\n\n" +
            $"Their answer:\n{Quote(answer)}\n\n" +
            (isPrivate ? "This answer is for you only: it will not be shown on the product page.\n\n" : "") +
            $"See the product:\n{link}\n"),
    };

    private static string Quote(string text) => string.Join('\n', text.Split('\n').Select(line => "> " + line.TrimEnd('\r')));

    private static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? (string.IsNullOrWhiteSpace(second) ? null : second) : first;
}
