using Marketplace.ServiceDefaults;

namespace Marketplace.UnitTests.ServiceDefaults;

/// <summary>The rule for every web address the product stores: public http(s) only, never a way into our own network.</summary>
public sealed class WebAddressesTests
{
    [Theory]
    [InlineData("https://images.example.fr/comte.jpg")]
    [InlineData("http://93.184.216.34/pain.png")]
    [InlineData("https://[2606:4700::6810:85e5]/x.jpg")]
    [InlineData("https://exemple.fr./pain.jpg")]
    public void Public_addresses_are_accepted(string url) => Assert.True(WebAddresses.IsPublic(url), url);

    [Theory]
    [InlineData("http://127.0.0.1/admin")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/x.jpg")]
    [InlineData("http://172.16.0.1/x.jpg")]
    [InlineData("http://192.168.1.1/x.jpg")]
    [InlineData("http://100.64.0.1/x.jpg")]
    [InlineData("http://0.0.0.0/x.jpg")]
    [InlineData("http://[::1]/x.jpg")]
    [InlineData("http://[fe80::1]/x.jpg")]
    [InlineData("http://[fd00::1]/x.jpg")]
    [InlineData("http://[::ffff:127.0.0.1]/x.jpg")]
    [InlineData("http://localhost/x.jpg")]
    [InlineData("http://intranet/x.jpg")]
    [InlineData("http://shop.local/x.jpg")]
    [InlineData("http://db.internal/x.jpg")]
    [InlineData("http://nas.home.arpa/x.jpg")]
    [InlineData("http://foo.localhost/x.jpg")]
    [InlineData("ftp://images.example.fr/x.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:secret@images.example.fr/x.jpg")]
    [InlineData("/relative/x.jpg")]
    [InlineData("")]
    [InlineData(null)]
    public void Local_private_and_odd_addresses_are_refused(string? url) => Assert.False(WebAddresses.IsPublic(url), url);

    [Fact]
    public void Addresses_longer_than_500_characters_are_refused() =>
        Assert.False(WebAddresses.IsPublic("https://images.example.fr/" + new string('a', 480)));
}
