using System.Globalization;
using Marketplace.Contracts;

namespace Marketplace.Platform.Notifications.Orders;

/// <summary>The words of the order mails, in French or English (anything else gets English), times in the cooperative's time zone.</summary>
public static class OrderMails
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The customer's page of the order (the web app's addresses: ADR 23).</summary>
    public static string OrderLink(string baseUrl, string language, TenantId coop, Guid order) =>
        $"{baseUrl}/{language}/coops/{coop}/orders/{order}";

    /// <summary>The shop's order queue in its back office.</summary>
    public static string ShopOrdersLink(string baseUrl, string language, TenantId coop, Guid shop) =>
        $"{baseUrl}/{language}/coops/{coop}/back-office/{shop}/orders";

    /// <summary>How people name an order: the first eight hex digits of its id, as the pages show it.</summary>
    public static string Reference(Guid order) => order.ToString("N")[..8].ToUpperInvariant();

    /// <summary>An amount with its currency, as the language writes it: "12,50 €", "€12.50".</summary>
    public static string Amount(Money money, string language)
    {
        var culture = Culture(language);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = money.Currency.ToUpperInvariant() switch { "EUR" => "€", "GBP" => "£", "USD" => "$", var other => other + " " };
        format.CurrencyDecimalDigits = 2;
        return (money.Minor / 100m).ToString("C", format);
    }

    /// <summary>"à retirer le jeudi 3 décembre, 10:00–10:30" / "delivered to 3 rue …, 69001 Lyon".</summary>
    public static string Describe(HandOver handOver, string language)
    {
        if (handOver.DeliveryAddress is { } address)
        {
            return language == "fr" ? $"livraison : {address}" : $"delivery to {address}";
        }

        if (handOver is { SlotStart: { } start, SlotEnd: { } end })
        {
            var culture = Culture(language);
            var from = TimeZoneInfo.ConvertTime(start, CooperativeTime.Zone);
            var to = TimeZoneInfo.ConvertTime(end, CooperativeTime.Zone);
            var day = from.ToString("dddd d MMMM", culture);
            return language == "fr"
                ? $"à retirer le {day}, {from:HH:mm}–{to:HH:mm}"
                : $"to collect on {day}, {from:HH:mm}–{to:HH:mm}";
        }

        return language == "fr" ? "à retirer à la boutique" : "to collect at the shop";
    }

    public static string ShopName(ShopCard? shop, string language) => shop?.Name ?? (language == "fr" ? "La boutique" : "The shop");

    public static (string Subject, string Body) Placed(string language, string name, Guid order, IReadOnlyList<(string Shop, OrderPart Part)> parts, Money total, string link)
    {
        var reference = Reference(order);
        var colon = language == "fr" ? " :" : ":";
        var lines = string.Join('\n', parts.Select(p => $"- {p.Shop}{colon} {Amount(p.Part.Subtotal, language)}, {Describe(p.Part.HandOver, language)}"));
        return language switch
        {
            "fr" => ($"Commande {reference} reçue",
                $"Bonjour {name},\n\nNous avons bien reçu votre commande {reference} ({Amount(total, language)}) :\n{lines}\n\n" +
                "Chaque boutique va confirmer sa partie. Seul ce que les boutiques acceptent vous sera débité.\n\n" +
                $"Suivre votre commande :\n{link}\n"),
            _ => ($"Order {reference} received",
                $"Hello {name},\n\nWe have received your order {reference} ({Amount(total, language)}):\n{lines}\n\n" +
                "Each shop will now confirm its part. You are only charged for what the shops accept.\n\n" +
                $"Follow your order:\n{link}\n"),
        };
    }

    public static (string Subject, string Body) Cancelled(string language, string name, Guid order, string reason, string link)
    {
        var reference = Reference(order);
        return language switch
        {
            "fr" => ($"Commande {reference} annulée",
                $"Bonjour {name},\n\nVotre commande {reference} est annulée : {OrderReason(reason, language)}.\n" +
                $"Rien ne vous a été débité.\n\nVoir la commande :\n{link}\n"),
            _ => ($"Order {reference} cancelled",
                $"Hello {name},\n\nYour order {reference} is cancelled: {OrderReason(reason, language)}.\n" +
                $"You have not been charged.\n\nSee the order:\n{link}\n"),
        };
    }

    public static (string Subject, string Body) Accepted(string language, string name, Guid order, string shop, OrderPart? part, string link) => language switch
    {
        "fr" => ($"{shop} a accepté votre commande {Reference(order)}",
            $"Bonjour {name},\n\n{shop} a accepté sa partie de votre commande {Reference(order)}" +
            (part is null ? "" : $" ({Amount(part.Subtotal, language)}, {Describe(part.HandOver, language)})") +
            $".\nVous recevrez un message quand elle sera prête.\n\nSuivre votre commande :\n{link}\n"),
        _ => ($"{shop} accepted your order {Reference(order)}",
            $"Hello {name},\n\n{shop} accepted its part of your order {Reference(order)}" +
            (part is null ? "" : $" ({Amount(part.Subtotal, language)}, {Describe(part.HandOver, language)})") +
            $".\nWe will tell you when it is ready.\n\nFollow your order:\n{link}\n"),
    };

    public static (string Subject, string Body) Withdrawn(string language, string name, Guid order, string shop, string reason, string link) => language switch
    {
        "fr" => ($"Commande {Reference(order)} : la partie de {shop} est annulée",
            $"Bonjour {name},\n\nLa partie de votre commande {Reference(order)} chez {shop} est annulée : {SubOrderReason(reason, shop, language)}.\n" +
            $"Elle ne vous sera pas débitée.\n\nVoir la commande :\n{link}\n"),
        _ => ($"Order {Reference(order)}: the part from {shop} is cancelled",
            $"Hello {name},\n\nThe part of your order {Reference(order)} from {shop} is cancelled: {SubOrderReason(reason, shop, language)}.\n" +
            $"You will not be charged for it.\n\nSee the order:\n{link}\n"),
    };

    public static (string Subject, string Body) Captured(string language, string name, Guid order, Money amount, string link) => language switch
    {
        "fr" => ($"Commande {Reference(order)} : paiement de {Amount(amount, language)}",
            $"Bonjour {name},\n\nLes boutiques ont confirmé votre commande {Reference(order)} : {Amount(amount, language)} ont été débités, " +
            $"et rien de plus.\n\nVoir la commande :\n{link}\n"),
        _ => ($"Order {Reference(order)}: payment of {Amount(amount, language)}",
            $"Hello {name},\n\nThe shops confirmed your order {Reference(order)}: you were charged {Amount(amount, language)}, " +
            $"and nothing more.\n\nSee the order:\n{link}\n"),
    };

    public static (string Subject, string Body) Ready(string language, string name, Guid order, string shop, OrderPart? part, string link)
    {
        var delivery = part?.HandOver.IsDelivery == true;
        return language switch
        {
            "fr" => (delivery ? $"{shop} : votre commande {Reference(order)} est en route" : $"{shop} : votre commande {Reference(order)} est prête",
                $"Bonjour {name},\n\n" + (delivery ? $"{shop} a préparé votre commande {Reference(order)} : elle est en cours de livraison" : $"Votre commande {Reference(order)} est prête chez {shop}") +
                (part is null ? "" : $" ({Describe(part.HandOver, language)})") + $".\n\nVoir la commande :\n{link}\n"),
            _ => (delivery ? $"{shop}: your order {Reference(order)} is on its way" : $"{shop}: your order {Reference(order)} is ready",
                $"Hello {name},\n\n" + (delivery ? $"{shop} prepared your order {Reference(order)}: it is out for delivery" : $"Your order {Reference(order)} is ready at {shop}") +
                (part is null ? "" : $" ({Describe(part.HandOver, language)})") + $".\n\nSee the order:\n{link}\n"),
        };
    }

    public static (string Subject, string Body) HandedOver(string language, string name, Guid order, string shop, OrderPart? part, string link)
    {
        var delivery = part?.HandOver.IsDelivery == true;
        return language switch
        {
            "fr" => ($"{shop} : commande {Reference(order)} " + (delivery ? "livrée" : "retirée"),
                $"Bonjour {name},\n\n{shop} a noté que votre commande {Reference(order)} a été " + (delivery ? "livrée" : "retirée") +
                $". Merci d'avoir acheté chez les commerçants de votre coopérative.\n\nVoir la commande :\n{link}\n"),
            _ => ($"{shop}: order {Reference(order)} " + (delivery ? "delivered" : "collected"),
                $"Hello {name},\n\n{shop} recorded that your order {Reference(order)} was " + (delivery ? "delivered" : "collected") +
                $". Thank you for buying from your cooperative's shops.\n\nSee the order:\n{link}\n"),
        };
    }

    public static (string Subject, string Body) Refunded(string language, string name, Guid order, string shop, Money amount, string link) => language switch
    {
        "fr" => ($"Commande {Reference(order)} : {Amount(amount, language)} remboursés",
            $"Bonjour {name},\n\n{shop} vous a remboursé {Amount(amount, language)} sur votre commande {Reference(order)}. " +
            $"Le remboursement apparaît sur votre compte sous quelques jours.\n\nVoir la commande :\n{link}\n"),
        _ => ($"Order {Reference(order)}: {Amount(amount, language)} refunded",
            $"Hello {name},\n\n{shop} refunded you {Amount(amount, language)} on your order {Reference(order)}. " +
            $"The refund shows on your account within a few days.\n\nSee the order:\n{link}\n"),
    };

    /// <summary>To each owner of a shop: a paid-for (authorised) sub-order waits for its answer.</summary>
    public static (string Subject, string Body) NewOrder(string language, string name, Guid order, string shop, OrderPart part, string link)
    {
        var lines = string.Join('\n', part.Lines.Select(l => $"- {l.Quantity} × {(language == "fr" ? l.NameFr ?? l.NameEn : l.NameEn ?? l.NameFr) ?? "?"}"));
        return language switch
        {
            "fr" => ($"Nouvelle commande {Reference(order)} pour {shop}",
                $"Bonjour {name},\n\nUne nouvelle commande attend votre réponse ({Amount(part.Subtotal, language)}, {Describe(part.HandOver, language)}) :\n{lines}\n\n" +
                $"Acceptez-la ou refusez-la depuis l'espace de votre boutique ; sans réponse à temps, elle est annulée :\n{link}\n"),
            _ => ($"New order {Reference(order)} for {shop}",
                $"Hello {name},\n\nA new order is waiting for your answer ({Amount(part.Subtotal, language)}, {Describe(part.HandOver, language)}):\n{lines}\n\n" +
                $"Accept or refuse it from your shop's back office; without an answer in time it is cancelled:\n{link}\n"),
        };
    }

    // The reasons are Ordering's EndReasons codes (its contract; only consumers name it).
    private static string OrderReason(string reason, string language) => (reason, language) switch
    {
        ("stock-short", "fr") => "certains produits ne sont plus disponibles en quantité suffisante",
        ("stock-short", _) => "some products are no longer available in the quantity asked",
        ("payment-failed", "fr") => "le paiement n'a pas abouti",
        ("payment-failed", _) => "the payment did not go through",
        ("payment-timed-out", "fr") => "le paiement n'a pas été fait à temps",
        ("payment-timed-out", _) => "the payment was not made in time",
        ("cancelled-by-customer", "fr") => "vous l'avez annulée",
        ("cancelled-by-customer", _) => "you cancelled it",
        ("stock-unconfirmed", "fr") => "la disponibilité des produits n'a pas pu être confirmée à temps",
        ("stock-unconfirmed", _) => "the products' availability could not be confirmed in time",
        (_, "fr") => "aucune boutique n'a pu la préparer",
        _ => "no shop could prepare it",
    };

    private static string SubOrderReason(string reason, string shop, string language) => (reason, language) switch
    {
        ("refused-by-shop", "fr") => $"{shop} ne peut pas la préparer",
        ("refused-by-shop", _) => $"{shop} cannot prepare it",
        ("unanswered" or "authorisation-lapsing", "fr") => $"{shop} n'a pas répondu à temps",
        ("unanswered" or "authorisation-lapsing", _) => $"{shop} did not answer in time",
        ("cancelled-by-customer", "fr") => "vous l'avez annulée",
        ("cancelled-by-customer", _) => "you cancelled it",
        (_, "fr") => "elle ne peut pas être préparée",
        _ => "it cannot be prepared",
    };

    private static CultureInfo Culture(string language) => language == "fr" ? French : English;
}
