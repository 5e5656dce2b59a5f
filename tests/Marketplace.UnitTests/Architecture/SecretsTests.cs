namespace Marketplace.UnitTests.Architecture;

/// <summary>
/// No private key ships with the product: a key pair in the repository would let anyone who has the repository
/// mint an admin token for any cooperative of an installation that uses it. The local run makes its own
/// (deploy/run.sh), the tests make one per run.
/// </summary>
public sealed class SecretsTests
{
    private static readonly string[] Shipped = ["services", "shared", "deploy"];

    [Fact]
    public void No_private_key_is_committed_in_what_ships()
    {
        var files = Shipped
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*", SearchOption.AllDirectories))
            .Where(path => !Path.GetRelativePath(Repository.Root, path).Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj" or "node_modules"))
            .ToList();

        var withKeys = files
            .Where(path => new FileInfo(path).Length < 5_000_000 && File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.NotEmpty(files);
        Assert.Empty(withKeys);
    }
}
