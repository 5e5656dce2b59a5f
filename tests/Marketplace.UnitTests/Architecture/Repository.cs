namespace Marketplace.UnitTests.Architecture;

/// <summary>The source tree the tests were built from, found from the test binaries upwards.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Services => Path.Combine(Root, "services");

    /// <summary>
    /// Folders under services/ that hold a stand-in for a system outside the marketplace, with why: not a cooperative
    /// service (no tenants, store, relay, contracts), so the service rules do not apply to it; its own rules are in
    /// ArchitectureTests (it references no Marketplace project and no service references it). Named one by one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StandIns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["StripeSandbox"] = "the local Stripe sandbox (ADR 30): Stripe's API for the local run and the tests, which Payments reaches over HTTP only",
    };

    /// <summary>Service name (its folder under services/) → its project file; the stand-ins are not services.</summary>
    public static IReadOnlyDictionary<string, string> ServiceProjects { get; } = Directory.GetDirectories(Services)
        .Select(folder => (Name: Path.GetFileName(folder), Projects: Directory.GetFiles(folder, "*.csproj")))
        .Where(service => service.Projects.Length > 0 && !StandIns.ContainsKey(service.Name))
        .ToDictionary(service => service.Name, service => Assert.Single(service.Projects), StringComparer.Ordinal);

    public static IReadOnlySet<string> ServiceNames { get; } = ServiceProjects.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>A service's own C# files, without what the build generates under bin/ and obj/.</summary>
    public static IEnumerable<SourceFile> SourceFilesOf(string service)
    {
        var folder = Path.Combine(Services, service);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj"))
            .Select(path => new SourceFile(Path.GetRelativePath(Root, path), File.ReadAllText(path)));
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Marketplace.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Marketplace.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record SourceFile(string Path, string Text);
