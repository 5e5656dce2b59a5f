using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Catalog.Imports;
using Marketplace.Hosting;
using Marketplace.UnitTests.Architecture;

namespace Marketplace.UnitTests.Web;

/// <summary>
/// Clients translate errors by code, never by sentence: every code a service can answer with has a French and an
/// English text in the web app, and every rule that words its own message names its code.
/// </summary>
public sealed partial class ErrorCodeTextsTests
{
    private static readonly string[] Services = ["Catalog", "Governance", "Ordering", "Payments", "Platform"];

    /// <summary>The codes in the services' sources (rules, coded problems), their refusal constants, and the generic ones.</summary>
    private static HashSet<string> EmittedCodes()
    {
        var fromSource = Services
            .SelectMany(Repository.SourceFilesOf)
            .SelectMany(file => CodeInSource().Matches(file.Text).Select(match => match.Groups["code"].Value));
        var refusals = Services
            .Select(service => Assembly.Load($"Marketplace.{service}"))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Name.EndsWith("Refusals", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);
        return fromSource.Concat(refusals).Concat(ErrorCodes.Generic).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> TextKeys(string culture) =>
        XDocument.Load(Path.Combine(Repository.Services, "Web", "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").Select(data => (string)data.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void The_services_answer_with_codes_found_where_they_are_written()
    {
        var codes = EmittedCodes();

        // The scan finds rules, coded problems and refusals alike (a scan that found nothing would prove nothing)
        Assert.Contains("shop.postcode_format", codes);
        Assert.Contains("cooperative.slug_taken", codes);
        Assert.Contains("stock.below_reserved", codes);
        Assert.All(codes, code => Assert.Matches("^[a-z]+(\\.[a-z_]+)?$", code));
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-GB")]
    public void Every_code_a_service_can_answer_with_has_a_text_in_the_web_app(string culture)
    {
        var keys = TextKeys(culture);

        var missing = EmittedCodes().Where(code => !keys.Contains("Code." + code)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"No {culture} text for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_rule_that_words_its_own_message_names_its_code()
    {
        var uncoded = Services
            .SelectMany(Repository.SourceFilesOf)
            .SelectMany(file => OwnMessage().Matches(file.Text)
                .Where(match => !match.Value.Contains(".WithErrorCode(", StringComparison.Ordinal))
                .Select(match => $"{file.Path}: {match.Value.Trim()}"))
            .ToList();

        Assert.True(uncoded.Count == 0, string.Join(Environment.NewLine, uncoded));
    }

    [Fact]
    public void Every_product_rule_has_the_import_texts_a_file_row_is_told_with()
    {
        var productRules = File.ReadAllText(Path.Combine(Repository.Services, "Catalog", "Products", "ProductRules.cs"));
        var ruleCodes = CodeInSource().Matches(productRules).Select(match => match.Groups["code"].Value).Concat(ErrorCodes.Generic).ToList();
        Assert.NotEmpty(ruleCodes);

        Assert.All(ruleCodes, code => Assert.Contains(code, ImportMessages.Codes));
    }

    [GeneratedRegex(@"(WithErrorCode\(|CodedProblems\.Field\(\s*""[^""]*"",\s*|CodedProblems\.Refused\(\s*)""(?<code>[a-z_.]+)""")]
    private static partial Regex CodeInSource();

    /// <summary>A rule's own message, up to the end of its statement.</summary>
    [GeneratedRegex(@"\.WithMessage\((?s:.*?)\)\s*;\s*$", RegexOptions.Multiline)]
    private static partial Regex OwnMessage();
}
