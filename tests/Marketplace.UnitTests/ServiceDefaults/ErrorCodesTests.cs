using FluentValidation;
using Marketplace.Hosting;

namespace Marketplace.UnitTests.ServiceDefaults;

/// <summary>A failure's code: the rule's own when it names one, else a generic code for the kind of check.</summary>
public sealed class ErrorCodesTests
{
    private sealed record Form(string? Name, string? Email, int Count, string? Postcode);

    private sealed class FormValidator : AbstractValidator<Form>
    {
        public FormValidator()
        {
            RuleFor(f => f.Name).NotEmpty().MaximumLength(5);
            RuleFor(f => f.Email).EmailAddress();
            RuleFor(f => f.Count).InclusiveBetween(1, 3);
            RuleFor(f => f.Postcode).Must(p => p is { Length: 5 }).WithMessage("Five digits.").WithErrorCode("shop.postcode_format");
        }
    }

    [Fact]
    public void Each_failure_gets_its_rules_code_or_the_generic_one_in_the_order_of_the_messages()
    {
        var failures = new FormValidator().Validate(new Form("", "not-an-email", 9, "1")).Errors;

        var codes = ErrorCodes.ByField(failures);

        Assert.Equal(["required"], codes["Name"]);
        Assert.Equal(["email"], codes["Email"]);
        Assert.Equal(["range"], codes["Count"]);
        Assert.Equal(["shop.postcode_format"], codes["Postcode"]);
        Assert.Equal(["length"], ErrorCodes.ByField(new FormValidator().Validate(new Form("too long", null, 1, "12345")).Errors)["Name"]);
    }
}
