using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Hosting;

/// <summary>
/// Every field error and refusal carries a stable code that clients translate by; the English sentence beside it
/// is for people reading the API, and may be reworded without breaking any client. ProblemDetails carry the codes
/// in one shape, field by field, beside the standard "errors": <c>"codes": { "address.postcode": ["shop.postcode_format"] }</c>;
/// a refusal that is about no field carries its code as <c>"code"</c>.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A value is missing.</summary>
    public const string Required = "required";

    /// <summary>A text is too long or too short.</summary>
    public const string Length = "length";

    /// <summary>A number is out of its range.</summary>
    public const string Range = "range";

    /// <summary>Not an e-mail address.</summary>
    public const string Email = "email";

    /// <summary>A value the rule refuses without a code of its own.</summary>
    public const string Invalid = "invalid";

    /// <summary>The codes a rule without a code of its own answers with, from the kind of check it makes.</summary>
    public static IReadOnlyList<string> Generic { get; } = [Required, Length, Range, Email, Invalid];

    /// <summary>
    /// A failure's code: the rule's own (<c>WithErrorCode("shop.postcode_format")</c>, always dotted), else a generic
    /// one for FluentValidation's built-in checks.
    /// </summary>
    public static string Of(ValidationFailure failure) => Of(failure.ErrorCode);

    public static string Of(string? errorCode) => errorCode switch
    {
        { } own when own.Contains('.', StringComparison.Ordinal) => own,
        "NotNullValidator" or "NotEmptyValidator" => Required,
        "MaximumLengthValidator" or "MinimumLengthValidator" or "LengthValidator" or "ExactLengthValidator" => Length,
        "InclusiveBetweenValidator" or "ExclusiveBetweenValidator" or "GreaterThanValidator" or "GreaterThanOrEqualValidator"
            or "LessThanValidator" or "LessThanOrEqualValidator" => Range,
        "EmailValidator" => Email,
        _ => Invalid,
    };

    /// <summary>The failures' codes by field, in the order of the messages under "errors".</summary>
    public static Dictionary<string, string[]> ByField(IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => f.PropertyName).ToDictionary(g => g.Key, g => g.Select(Of).ToArray());
}

/// <summary>Problems in the one shape clients read codes from.</summary>
public static class CodedProblems
{
    /// <summary>One field's error with its code, as the validation filter writes them ("errors" and "codes").</summary>
    public static IResult Field(string field, string code, string message, int status = StatusCodes.Status400BadRequest, string? title = null, string? detail = null) =>
        Fields([field], code, message, status, title, detail);

    /// <summary>The same error, with its code, on several fields (e.g. every line naming an unknown product).</summary>
    public static IResult Fields(IReadOnlyCollection<string> fields, string code, string message, int status = StatusCodes.Status400BadRequest, string? title = null, string? detail = null) =>
        Results.Problem(
            statusCode: status,
            title: title ?? message,
            detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = code,
                ["errors"] = fields.ToDictionary(f => f, _ => new[] { message }),
                ["codes"] = fields.ToDictionary(f => f, _ => new[] { code }),
            });

    /// <summary>A refusal about no field in particular, with its code.</summary>
    public static IResult Refused(string code, int status, string title, string? detail = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
