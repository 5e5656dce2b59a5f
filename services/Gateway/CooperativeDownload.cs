using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Contracts;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Marketplace.Gateway;

/// <summary>
/// GET /api/coops/{coop}/export: the whole of a cooperative's data in one zip — each service's export
/// (platform.jsonl, catalog.jsonl, ordering.jsonl, payments.jsonl) and a manifest.json with each file's row counts and
/// SHA-256. The gateway asks each service with the caller's own Authorization header (a read the user
/// asked for, not a process chain), so the services decide as always: the first refusal is the answer.
/// </summary>
internal static class CooperativeDownload
{
    public const string Format = "marketplace-export/1";

    public static void MapCooperativeDownload(this WebApplication app) =>
        app.MapGet("/api/coops/{coop}/export", async Task<IResult> (string coop, HttpContext http, ServiceClients clients, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!TenantId.TryParse(coop, out var tenant))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cooperative.");
                }

                var parts = new List<(string Service, FileStream File, string Sha256, JsonElement Rows)>();
                try
                {
                    foreach (var service in GatewayModule.Services)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, clients.Address(service, $"/api/coops/{tenant}/export/{service}"));
                        if (http.Request.Headers.Authorization is { Count: > 0 } authorization)
                        {
                            request.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
                        }

                        using var response = await clients.For(service).SendAsync(request, cancellationToken);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            // The service's own answer (401, 403, 404, 503...), as it gave it.
                            http.Response.StatusCode = (int)response.StatusCode;
                            http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                            if (response.Headers.WwwAuthenticate.Count > 0)
                            {
                                http.Response.Headers.WWWAuthenticate = response.Headers.WwwAuthenticate.ToString();
                            }

                            if (response.Headers.RetryAfter is { } retryAfter)
                            {
                                http.Response.Headers.RetryAfter = retryAfter.ToString();
                            }

                            await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
                            return Results.Empty;
                        }

                        var file = TempFile();
                        parts.Add((service, file, "", default));
                        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
                        {
                            var buffer = new byte[81920];
                            int read;
                            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                            {
                                sha.AppendData(buffer, 0, read);
                                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                            }
                        }

                        file.Position = 0;
                        if (await EndLineAsync(file) is not { } rows)
                        {
                            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"The {service} export ended early; try again.");
                        }

                        parts[^1] = (service, file, Convert.ToHexStringLower(sha.GetHashAndReset()), rows);
                    }

                    var zip = TempFile();
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        var manifest = archive.CreateEntry("manifest.json");
                        await using (var entry = manifest.Open())
                        {
                            await JsonSerializer.SerializeAsync(entry, new
                            {
                                format = Format,
                                cooperative = tenant.Value,
                                exportedAt = clock.GetUtcNow(),
                                files = parts.Select(p => new { file = p.Service + ".jsonl", service = p.Service, sha256 = p.Sha256, rows = p.Rows }),
                            }, JsonSerializerOptions.Web, cancellationToken);
                        }

                        foreach (var part in parts)
                        {
                            part.File.Position = 0;
                            await using var entry = archive.CreateEntry(part.Service + ".jsonl").Open();
                            await part.File.CopyToAsync(entry, cancellationToken);
                        }
                    }

                    zip.Position = 0;
                    return Results.File(zip, "application/zip", $"{tenant}-export-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.zip");
                }
                finally
                {
                    foreach (var part in parts)
                    {
                        await part.File.DisposeAsync();
                    }
                }
            })
            .WithTags("Export")
            .WithName("DownloadCooperative")
            .WithSummary("Everything the cooperative holds, every service, as one zip (its admins only; each service decides).");

    private static FileStream TempFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>The "rows" of the file's last line when it is the end line; null when the file was cut.</summary>
    private static async Task<JsonElement?> EndLineAsync(Stream file)
    {
        using var reader = new StreamReader(file, leaveOpen: true);
        string? last = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                last = line;
            }
        }

        if (last is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(last);
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "end" && document.RootElement.TryGetProperty("rows", out var rows)
            ? rows.Clone()
            : null;
    }
}

/// <summary>
/// HTTP clients to the services, made by YARP's own client factory (so they behave like the proxy's, and a
/// test host's in-process forwarding applies to them too); addresses from the proxy's own clusters, as it loaded them.
/// </summary>
internal sealed class ServiceClients(IForwarderHttpClientFactory factory, IProxyStateLookup proxy) : IDisposable
{
    private readonly Dictionary<string, HttpMessageInvoker> _clients = [];
    private readonly Lock _lock = new();

    public Uri Address(string service, string path)
    {
        var address = proxy.TryGetCluster(service, out var cluster) && cluster.Destinations.Values.FirstOrDefault() is { } destination
            ? destination.Model.Config.Address
            : throw new InvalidOperationException($"No address for the {service} service (ReverseProxy:Clusters:{service}).");
        return new Uri(new Uri(address.TrimEnd('/') + "/"), path.TrimStart('/'));
    }

    public HttpMessageInvoker For(string service)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(service, out var client))
            {
                client = factory.CreateClient(new ForwarderHttpClientContext
                {
                    ClusterId = service,
                    OldConfig = HttpClientConfig.Empty,
                    OldMetadata = null,
                    OldClient = null,
                    NewConfig = HttpClientConfig.Empty,
                    NewMetadata = null,
                });
                _clients[service] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
