using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults;

/// <summary>
/// The build writes each service's OpenAPI document (Microsoft.Extensions.ApiDescription.Server, docs/openapi/) by running
/// the service's Program inside its own tool, in Production and with no server. The setup must then work without the
/// settings a deployment provides and must not reach a database or a broker: this is the one place that knows it.
/// </summary>
internal static class BuildTimeDocument
{
    /// <summary>The tool's process: its entry assembly is GetDocument.Insider (the only signal it gives; it takes no environment).</summary>
    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>
    /// The repository's Development settings, so that the setup reads the same values as on a developer's machine, with a
    /// throwaway token key pair made for this run (the repository holds none); and no hosted service but the web host's own
    /// (it gathers the endpoints the document describes), since the others open the registry, the relay and the bus.
    /// </summary>
    public static void PrepareWhenGenerating(IHostApplicationBuilder builder)
    {
        if (!IsGenerating)
        {
            return;
        }

        builder.Configuration.AddJsonFile("appsettings.Development.json", optional: true);
        using var throwaway = RSA.Create(2048);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketplace:Auth:SigningPublicKey"] = throwaway.ExportSubjectPublicKeyInfoPem(),
            ["Marketplace:Auth:SigningPrivateKey"] = throwaway.ExportPkcs8PrivateKeyPem(),
        });
        builder.ConfigureContainer(new DefaultServiceProviderFactory(), services =>
        {
            foreach (var hosted in services.Where(service => service.ServiceType == typeof(IHostedService) && !IsWebHost(service)).ToList())
            {
                services.Remove(hosted);
            }
        });
    }

    private static bool IsWebHost(ServiceDescriptor service) =>
        service.ImplementationType?.FullName == "Microsoft.AspNetCore.Hosting.GenericWebHostService";
}
