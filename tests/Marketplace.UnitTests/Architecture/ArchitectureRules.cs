using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Contracts;

namespace Marketplace.UnitTests.Architecture;

/// <summary>
/// The rules as functions from what they inspect to the violations found, so that each rule is also
/// tested against a made-up violation (ArchitectureRulesTests): a rule that cannot fail protects nothing.
/// </summary>
internal static partial class ArchitectureRules
{
    public static readonly IReadOnlySet<string> SharedAssemblies =
        new HashSet<string>(StringComparer.Ordinal) { "Marketplace.Contracts", "Marketplace.Hosting", "Marketplace.ServiceDefaults" };

    /// <summary>ProjectReference items of a service's project that point into another service's folder.</summary>
    public static IReadOnlyList<string> ReferencesToOtherServices(string servicesFolder, string service, string projectPath, string projectXml)
    {
        var projectFolder = Path.GetDirectoryName(projectPath)!;
        return [.. XDocument.Parse(projectXml).Descendants()
            .Where(element => element.Name.LocalName == "ProjectReference")
            .Select(element => (string?)element.Attribute("Include") ?? "")
            .Where(include =>
            {
                var target = Path.GetFullPath(Path.Combine(projectFolder, include.Replace('\\', Path.DirectorySeparatorChar)));
                var relative = Path.GetRelativePath(servicesFolder, target);
                var owner = relative.Split(Path.DirectorySeparatorChar)[0];
                return !Path.IsPathRooted(relative) && owner != ".." && owner != service;
            })
            .Select(include => $"{service} references {include}")];
    }

    /// <summary>Marketplace.* assemblies a service assembly references other than the shared ones.</summary>
    public static IReadOnlyList<string> ForbiddenMarketplaceReferences(string assembly, IEnumerable<AssemblyName> referenced) =>
        [.. referenced
            .Select(reference => reference.Name ?? "")
            .Where(name => name.StartsWith("Marketplace.", StringComparison.Ordinal) && !SharedAssemblies.Contains(name))
            .Select(name => $"{assembly} references {name}")];

    /// <summary>Referenced assemblies that are not the base class library.</summary>
    public static IReadOnlyList<string> BeyondBaseLibrary(IEnumerable<AssemblyName> referenced) =>
        [.. referenced
            .Select(reference => reference.Name ?? "")
            .Where(name => name is not ("System" or "netstandard" or "mscorlib") && !name.StartsWith("System.", StringComparison.Ordinal))
            .Select(name => $"{name} is not part of the base library")];

    /// <summary>Package, project and framework references of a project: a project on the base library has none.</summary>
    public static IReadOnlyList<string> Dependencies(string projectXml) =>
        [.. XDocument.Parse(projectXml).Descendants()
            .Where(element => element.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(element => $"{element.Name.LocalName} {(string?)element.Attribute("Include")}")];

    /// <summary>Integration events that are not sealed records owned by an existing service (Marketplace.Contracts.&lt;Service&gt;).</summary>
    public static IReadOnlyList<string> MisshapenContracts(IEnumerable<Type> types, IReadOnlySet<string> services)
    {
        var violations = new List<string>();
        foreach (var type in types.Where(IsIntegrationEvent))
        {
            if (!type.IsSealed || type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is null)
            {
                violations.Add($"{type.FullName} is not a sealed record");
            }

            var segments = (type.Namespace ?? "").Split('.');
            if (segments.Length < 3 || segments[0] != "Marketplace" || segments[1] != "Contracts" || !services.Contains(segments[2]))
            {
                violations.Add($"{type.FullName} is not in Marketplace.Contracts.<Service> of a service among {string.Join(", ", services.Order())}");
            }
        }

        return violations;
    }

    /// <summary>Integration events declared anywhere but in Marketplace.Contracts: every consumer must see the publisher's own type.</summary>
    public static IReadOnlyList<string> IntegrationEventsIn(Assembly assembly) =>
        [.. assembly.GetTypes().Where(IsIntegrationEvent).Select(type => $"{type.FullName} is declared in {assembly.GetName().Name}")];

    /// <summary>
    /// Files of a service that name another service's contracts without being a consumer: a mapper (or
    /// anything else) publishing a contract the service does not own.
    /// </summary>
    public static IReadOnlyList<string> ForeignContractsOutsideConsumers(string service, IEnumerable<SourceFile> files, IReadOnlySet<string> services) =>
        [.. files
            .Select(file => (file.Path, Foreign: ContractNamespace().Matches(file.Text)
                .Select(match => match.Groups["service"].Value)
                .Where(owner => owner != service && services.Contains(owner))
                .Distinct()
                .ToList(), IsConsumer: Consumer().IsMatch(file.Text)))
            .Where(file => file.Foreign.Count > 0 && !file.IsConsumer)
            .Select(file => $"{file.Path} ({service}) names Marketplace.Contracts.{string.Join(", Marketplace.Contracts.", file.Foreign)} but is no consumer")];

    /// <summary>Files that map more than one endpoint: a use case is one file, in its gerund folder, found by its name.</summary>
    public static IReadOnlyList<string> SeveralUseCasesInOneFile(IEnumerable<SourceFile> files) =>
        [.. files
            .Select(file => (file.Path, Routes: RouteMapping().Count(file.Text)))
            .Where(file => file.Routes > 1)
            .Select(file => $"{file.Path} maps {file.Routes} endpoints")];

    private static bool IsIntegrationEvent(Type type) => type != typeof(IIntegrationEvent) && typeof(IIntegrationEvent).IsAssignableFrom(type);

    [GeneratedRegex(@"\bMarketplace\.Contracts\.(?<service>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ContractNamespace();

    [GeneratedRegex(@"\.Map(Get|Post|Put|Patch|Delete|Methods)\(")]
    private static partial Regex RouteMapping();

    [GeneratedRegex(@":\s*[A-Za-z]*Consumer<|\bIConsumer<")]
    private static partial Regex Consumer();
}
