using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// "Try again in N seconds", rendered by <see cref="ApiUnavailableMiddleware"/> (which set the 503 and Retry-After) for a
/// request the API could not serve. Asked for directly, there is nothing to try again: 404.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnavailableModel : PageModel
{
    public ApiUnavailableException Problem { get; private set; } = null!;

    /// <summary>The address the visitor asked for (a GET of it, also after a form's POST).</summary>
    public string RetryAddress { get; private set; } = "/";

    public IActionResult OnGet()
    {
        if (HttpContext.Features.Get<ApiUnavailableFeature>() is not { } feature)
        {
            return NotFound();
        }

        (Problem, RetryAddress) = (feature.Problem, feature.RetryAddress);
        return Page();
    }
}
