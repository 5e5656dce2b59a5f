using System.Xml.Linq;
using Marketplace.UnitTests.Architecture;

namespace Marketplace.UnitTests.Web;

/// <summary>Every text of the web app exists in both languages: a key missing in one would show as the raw key.</summary>
public class TextsTests
{
    private static readonly string Resources = Path.Combine(Repository.Root, "services", "Web", "Resources");

    [Fact]
    public void French_and_English_have_the_same_texts()
    {
        // Given the texts of each culture
        var french = Keys("fr-FR");
        var english = Keys("en-GB");

        // Then each has every key of the other, and none is empty
        Assert.NotEmpty(french);
        Assert.Empty(french.Except(english));
        Assert.Empty(english.Except(french));
    }

    [Fact]
    public void Every_text_the_pages_use_exists()
    {
        // Given the keys the pages name literally (T["..."] and Texts["..."])
        var used = Directory.EnumerateFiles(Path.Combine(Repository.Root, "services", "Web", "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(path => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"\b(?:T|Texts)\[""(?<key>[A-Za-z.]+)""\]")
                .Select(match => match.Groups["key"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // Then the French texts (and so the English ones) have each
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(Keys("fr-FR")));
    }

    private static HashSet<string> Keys(string culture)
    {
        var document = XDocument.Load(Path.Combine(Resources, $"SharedResource.{culture}.resx"));
        var data = document.Root!.Elements("data").ToList();
        Assert.All(data, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Element("value")?.Value), $"{culture}: {entry.Attribute("name")?.Value} is empty"));
        return data.Select(entry => (string)entry.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
    }
}
