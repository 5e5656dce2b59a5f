using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>Revokes the refresh token at the Platform and clears the cookie (a POST: a link cannot sign anyone out).</summary>
public sealed class SignOutModel(TokenSession session) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await session.SignOutAsync(cancellationToken);
        return LocalRedirect("/");
    }
}
