namespace Marketplace.Platform.Notifications;

/// <summary>The words of the "tell me when it's back" mail, in French or English (anything else gets English).</summary>
public static class StockAlertMails
{
    /// <summary>To an account that asked: the product is back in stock (once: asking again is needed for the next time).</summary>
    public static (string Subject, string Body) BackInStock(string language, string name, string shop, string product, string link) => language switch
    {
        "fr" => ($"« {product} » est de retour",
            $"Bonjour {name},\n\n« {product} » de {shop} est de nouveau disponible, comme vous nous avez demandé de vous le dire.\n\n" +
            $"Voir le produit :\n{link}\n\n" +
            "Les quantités sont limitées : d'autres clients l'attendaient peut-être aussi. Nous ne vous écrirons plus à son sujet, " +
            "sauf si vous le demandez de nouveau.\n"),
        _ => ($"\"{product}\" is back",
            $"Hello {name},\n\n\"{product}\" from {shop} is available again, as you asked us to tell you.\n\n" +
            $"See the product:\n{link}\n\n" +
            "Stock is limited: other customers may have been waiting for it too. We will not write about it again unless you ask again.\n"),
    };
}
