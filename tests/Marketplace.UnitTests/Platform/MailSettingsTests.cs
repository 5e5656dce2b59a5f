using Marketplace.Hosting;
using Marketplace.Platform.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Marketplace.UnitTests.Platform;

/// <summary>Mail settings are bound once and checked when the service is composed: a wrong value names itself instead of failing the first mail.</summary>
public sealed class MailSettingsTests
{
    private static MailSettings Bind(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
        return Settings.Bind<MailSettings>(configuration, MailSettings.Section);
    }

    [Fact]
    public void Defaults_point_at_the_local_web_app_and_log_mails_without_a_host()
    {
        var settings = Bind();

        Assert.Equal("http://127.0.0.1:5104", settings.WebBase);
        Assert.Null(settings.Smtp.Host);
        Assert.Equal(25, settings.Smtp.Port);
    }

    [Fact]
    public void Configured_values_are_bound_and_the_base_loses_its_trailing_slash()
    {
        var settings = Bind(("Marketplace:WebBaseUrl", "https://lyon.example.coop/"), ("Marketplace:Smtp:Host", "smtp.example.coop"), ("Marketplace:Smtp:Port", "587"));

        Assert.Equal(("https://lyon.example.coop", "smtp.example.coop", 587), (settings.WebBase, settings.Smtp.Host, settings.Smtp.Port));
    }

    [Theory]
    [InlineData("Marketplace:WebBaseUrl", "ftp://example.coop", "WebBaseUrl")]
    [InlineData("Marketplace:Smtp:Port", "70000", "Smtp:Port")]
    [InlineData("Marketplace:Smtp:From", "not a mailbox", "Smtp:From")]
    public void A_wrong_value_is_refused_naming_its_setting(string key, string value, string named)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}
