using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages;

/// <summary>A page with a form whose errors come from the API: each next to its field, in the user's language where the text is ours.</summary>
public abstract class FormPage(IStringLocalizer<SharedResource> texts) : PageModel
{
    protected IStringLocalizer<SharedResource> Texts { get; } = texts;

    /// <summary>The API refused the caller (403): the page says so and shows nothing else.</summary>
    public bool Forbidden { get; private set; }

    /// <summary>What to do instead of the page when the API refused: sign in again, the forbidden page, or not found; null otherwise (success, or errors the page shows).</summary>
    protected IActionResult? Refused<T>(ApiResult<T> result)
    {
        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.Forbidden:
                // The token's roles may predate an admin's grant: the result refreshes them once and tries the same
                // request again when they changed, else it is this page, forbidden.
                Forbidden = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return new RetryWithFreshRolesResult();
            case HttpStatusCode.NotFound:
                return NotFound();
            default:
                return null;
        }
    }

    /// <summary>"true" for a field with errors (its aria-invalid), null otherwise.</summary>
    public string? Invalid(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    /// <summary>
    /// Puts the API's field errors on the form's fields (matched without case; "newPassword" → NewPassword), each
    /// translated by its code; errors on fields the form does not show go to the summary.
    /// </summary>
    protected void ShowErrors<T>(ApiResult<T> result, params string[] fields)
    {
        foreach (var (field, messages) in result.Errors)
        {
            var key = fields.FirstOrDefault(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) ?? "";
            for (var i = 0; i < messages.Length; i++)
            {
                ModelState.AddModelError(key, Translate(result.CodeOf(field, i), messages[i]));
            }
        }

        if (result.Errors.Count == 0)
        {
            ModelState.AddModelError("", result.Code is { } code ? Translate(code, Texts["Errors.Unexpected"]) : Texts["Errors.Unexpected"]);
        }
    }

    /// <summary>
    /// The same for a form whose fields the API names otherwise: <paramref name="renamed"/> maps the API's field
    /// ("feeChange.feeRate", compared without case) to the form's (FeeRate).
    /// </summary>
    protected void ShowErrors<T>(ApiResult<T> result, IReadOnlyDictionary<string, string> renamed, params string[] fields)
    {
        string Rename(string field) => renamed.FirstOrDefault(r => string.Equals(r.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? field;
        var errors = result.Errors.ToDictionary(e => Rename(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);
        var codes = result.Codes.ToDictionary(e => Rename(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);
        ShowErrors(result with { Errors = errors, Codes = codes }, [.. fields, .. renamed.Values]);
    }

    /// <summary>
    /// The text of an error code in the user's language (key "Code.&lt;code&gt;"). Without a code, or for a code this
    /// app has no text for, what the API wrote: the API words some messages in the user's language itself (imports).
    /// </summary>
    protected string Translate(string? code, string message)
    {
        var translated = code is null ? null : Texts["Code." + code];
        return translated is { ResourceNotFound: false } ? translated.Value : message;
    }

    protected string? SafeReturnUrl(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}
