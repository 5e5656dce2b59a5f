using Marketplace.Platform.Accounts;
using Marketplace.Platform.Accounts.SigningUp;

namespace Marketplace.UnitTests.Platform.Accounts;

public class SignUpValidatorTests
{
    private static readonly SignUp Valid = new("ana@example.org", "correct horse battery", "Ana Martin", "fr");

    private readonly SignUpValidator _validator = new();

    [Fact]
    public void Valid_sign_up_passes() => Assert.True(_validator.Validate(Valid).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    public void Invalid_email_is_refused(string email) => AssertRefusedOn(nameof(SignUp.Email), Valid with { Email = email });

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("xxxxxxxxxxxxxxxx")]
    public void Weak_password_is_refused(string password) => AssertRefusedOn(nameof(SignUp.Password), Valid with { Password = password });

    [Fact]
    public void Password_of_ten_characters_passes() => Assert.True(_validator.Validate(Valid with { Password = "abcdefghij" }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_display_name_is_refused(string name) => AssertRefusedOn(nameof(SignUp.DisplayName), Valid with { DisplayName = name });

    [Fact]
    public void Display_name_over_a_hundred_characters_is_refused() =>
        AssertRefusedOn(nameof(SignUp.DisplayName), Valid with { DisplayName = new string('n', 101) });

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    public void Unsupported_language_is_refused(string language) => AssertRefusedOn(nameof(SignUp.Language), Valid with { Language = language });

    [Theory]
    [InlineData("Ana@Example.org ", "ANA@EXAMPLE.ORG")]
    [InlineData("ana@example.org", "ANA@EXAMPLE.ORG")]
    public void Emails_differing_in_case_or_spaces_are_one_account(string email, string normalized) =>
        Assert.Equal(normalized, Account.Normalize(email));

    private void AssertRefusedOn(string property, SignUp request)
    {
        var result = _validator.Validate(request);
        Assert.False(result.IsValid);
        Assert.All(result.Errors, error => Assert.Equal(property, error.PropertyName));
    }
}
