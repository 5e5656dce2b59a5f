using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages;

/// <summary>A page with a form whose errors come from the API: each next to its field, in the user's language where the text is ours.</summary>
public abstract class FormPage(IStringLocalizer<SharedResource> texts) : PageModel
{
    protected IStringLocalizer<SharedResource> Texts { get; } = texts;

    /// <summary>
    /// Puts the API's field errors on the form's fields (matched without case; "newPassword" → NewPassword).
    /// A message the API shares with us is shown translated (key "Api.&lt;message&gt;"); others as the API wrote them.
    /// Errors on fields the form does not show go to the summary.
    /// </summary>
    protected void ShowErrors<T>(ApiResult<T> result, params string[] fields)
    {
        foreach (var (field, messages) in result.Errors)
        {
            var key = fields.FirstOrDefault(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) ?? "";
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, Translate(message));
            }
        }

        if (result.Errors.Count == 0)
        {
            ModelState.AddModelError("", Texts["Errors.Unexpected"]);
        }
    }

    protected string Translate(string message)
    {
        if (message.Contains("must not be empty", StringComparison.Ordinal))
        {
            return Texts["Errors.Required"];
        }

        var translated = Texts["Api." + message];
        return translated.ResourceNotFound ? message : translated.Value;
    }

    protected string? SafeReturnUrl(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}
