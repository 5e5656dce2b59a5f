using System.Security.Cryptography;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts.ResettingPassword;
using Marketplace.Platform.Accounts.SigningIn;
using Microsoft.Extensions.Configuration;

namespace Marketplace.UnitTests.Platform.Accounts;

public class TokenAndMailTests
{
    [Fact]
    public void Private_and_public_halves_of_a_key_get_the_same_key_id()
    {
        using var rsa = RSA.Create(2048);

        var signing = TokenSettings.ImportKey(rsa.ExportPkcs8PrivateKeyPem());
        var validating = TokenSettings.ImportKey(rsa.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(signing.KeyId, validating.KeyId);
    }

    [Fact]
    public void Key_shorter_than_2048_bits_is_refused()
    {
        using var rsa = RSA.Create(1024);

        Assert.Throws<InvalidOperationException>(() => TokenSettings.ImportKey(rsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void Missing_public_key_stops_the_service()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Marketplace:Auth:Issuer"] = "https://x.test/" }).Build();

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Settings.Bind<TokenSettings>(configuration, TokenSettings.Section));
        Assert.Contains(refused.Failures, failure => failure.Contains("SigningPublicKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://marketplace.example", "https://marketplace.example/")]
    [InlineData("https://marketplace.example/", "https://marketplace.example/")]
    [InlineData("not-a-uri", "not-a-uri")]
    public void Issuer_is_compared_as_OpenIddict_writes_it(string configured, string expected) =>
        Assert.Equal(expected, TokenSettings.NormalizeIssuer(configured));

    [Theory]
    [InlineData("ops@example.org, Boss@Example.org", "BOSS@EXAMPLE.ORG")]
    [InlineData("ops@example.org;boss@example.org", "BOSS@EXAMPLE.ORG")]
    public void Platform_admins_are_a_list_of_emails_in_any_case(string configured, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Marketplace:PlatformAdmins"] = configured }).Build();

        Assert.Contains(expected, PlatformAdmins.From(configuration).Emails);
    }

    [Fact]
    public void Platform_admins_may_be_a_configuration_array()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketplace:PlatformAdmins:0"] = "ops@example.org",
            ["Marketplace:PlatformAdmins:1"] = "boss@example.org",
        }).Build();

        Assert.Equal(2, PlatformAdmins.From(configuration).Emails.Count);
    }

    [Theory]
    [InlineData("fr", "Réinitialiser votre mot de passe", "Bonjour Léa")]
    [InlineData("en", "Reset your password", "Hello Léa")]
    public void Reset_mail_speaks_the_account_language(string language, string subject, string greeting)
    {
        var (actualSubject, body) = PasswordResetMail.Compose(language, "Léa", "https://web.test/x");

        Assert.Equal(subject, actualSubject);
        Assert.StartsWith(greeting, body, StringComparison.Ordinal);
        Assert.Contains("https://web.test/x", body, StringComparison.Ordinal);
    }
}
