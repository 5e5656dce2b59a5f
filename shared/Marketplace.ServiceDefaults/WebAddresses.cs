using System.Net;
using System.Net.Sockets;

namespace Marketplace.ServiceDefaults;

/// <summary>
/// The one rule for every web address the product stores (a product's images, a shop's website, ...): http or https,
/// at most 500 characters, no user name or password, and a host that is not this machine, a private or link-local
/// network (cloud metadata at 169.254.169.254 included) or a local name. The services never fetch these addresses
/// (browsers do), but they must never point inside our network.
/// </summary>
public static class WebAddresses
{
    public static bool IsPublic(string? url)
    {
        if (url is null || url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0 || !host.Contains('.', StringComparison.Ordinal) && uri.HostNameType == UriHostNameType.Dns)
        {
            return false; // "localhost", "intranet", ...: single-label names resolve inside a network
        }

        if (host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal) ||
            host.EndsWith(".internal", StringComparison.Ordinal) || host.EndsWith(".lan", StringComparison.Ordinal) ||
            host.EndsWith(".home.arpa", StringComparison.Ordinal))
        {
            return false;
        }

        return !IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var address) || IsPublicAddress(address);
    }

    private static bool IsPublicAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes6 = address.GetAddressBytes();
            return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal ||
                     address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes6[0] & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,         // 100.64.0.0/10 carrier-grade NAT
            169 => b[1] != 254,                   // link-local, cloud metadata
            172 => b[1] is < 16 or > 31,
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2)),
            198 => b[1] is not (18 or 19),        // benchmarking networks
            >= 224 => false,                      // multicast, reserved, broadcast
            _ => true,
        };
    }
}
