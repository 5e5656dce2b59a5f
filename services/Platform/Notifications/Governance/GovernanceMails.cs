using System.Globalization;
using Marketplace.Contracts;

namespace Marketplace.Platform.Notifications.Governance;

/// <summary>The words of the mails that tell members about a vote, in French or English (anything else gets English).</summary>
public static class GovernanceMails
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The proposal's page in the web app, in the reader's language.</summary>
    public static string ProposalLink(string baseUrl, string language, TenantId coop, Guid proposal) =>
        $"{baseUrl}/{language}/coops/{coop}/governance/proposals/{proposal}";

    public static (string Subject, string Body) Opened(string language, string name, string title, DateTimeOffset closesAt, string link) => language switch
    {
        "fr" => ($"Vote ouvert : {title}",
            $"Bonjour {name},\n\nUne proposition est soumise au vote des membres : « {title} ».\n\n" +
            $"Le vote est ouvert jusqu'au {When("fr", closesAt)}. Vous pouvez voter, changer votre vote jusqu'à la clôture, ou donner procuration à un membre de votre collège :\n{link}\n"),
        _ => ($"Vote open: {title}",
            $"Hello {name},\n\nA proposal is put to the members' vote: \"{title}\".\n\n" +
            $"The vote is open until {When("en", closesAt)}. You can vote, change your vote until the close, or give your proxy to a member of your college:\n{link}\n"),
    };

    public static (string Subject, string Body) ClosingSoon(string language, string name, string title, DateTimeOffset closesAt, string link) => language switch
    {
        "fr" => ($"Plus qu'un jour pour voter : {title}",
            $"Bonjour {name},\n\nLe vote sur « {title} » se clôt le {When("fr", closesAt)} et vous n'avez pas encore voté.\n\nVoter :\n{link}\n"),
        _ => ($"One day left to vote: {title}",
            $"Hello {name},\n\nThe vote on \"{title}\" closes on {When("en", closesAt)} and you have not voted yet.\n\nVote:\n{link}\n"),
    };

    /// <param name="forShare">The weighted share of votes for, in basis points.</param>
    public static (string Subject, string Body) Decided(string language, string name, string title, bool adopted, int tookPart, int voters, int forShare, string link)
    {
        var share = (forShare / 100m).ToString("0.##", CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB"));
        return language switch
        {
            "fr" => ($"{(adopted ? "Adoptée" : "Rejetée")} : {title}",
                $"Bonjour {name},\n\nLe vote sur « {title} » est clos : la proposition est {(adopted ? "adoptée" : "rejetée")}.\n" +
                $"{tookPart} membre(s) sur {voters} ont voté ; {share} % des voix exprimées pondérées par collège sont pour.\n\n" +
                $"Le résultat détaillé, le registre des votes et sa vérification :\n{link}\n"),
            _ => ($"{(adopted ? "Adopted" : "Rejected")}: {title}",
                $"Hello {name},\n\nThe vote on \"{title}\" is closed: the proposal is {(adopted ? "adopted" : "rejected")}.\n" +
                $"{tookPart} of {voters} member(s) voted; {share} % of the votes cast, weighted by college, are for it.\n\n" +
                $"The detailed result, the record of votes and its verification:\n{link}\n"),
        };
    }

    private static string When(string language, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Paris);
        return language == "fr"
            ? local.ToString("dddd d MMMM yyyy 'à' HH'h'mm", CultureInfo.GetCultureInfo("fr-FR"))
            : local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB")) + " (Paris time)";
    }
}
