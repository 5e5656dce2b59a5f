using Marketplace.Web.Api;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Accounts;

/// <summary>
/// The API refused a signed-in caller (403): her token's roles may be older than an admin's grant. Executing this result
/// refreshes the session's tokens once; when the roles in them differ from those the request was made with, the browser
/// is sent back to the same address to try again with them (a GET: 302; anything else: 307, so the browser sends the same
/// form again, antiforgery token included — the same user, so it still validates). Otherwise the forbidden page is shown
/// as before. It cannot loop: a retry happens only when the roles changed, and the retried request carries those roles.
/// A <see cref="PageResult"/> itself, so Razor Pages hands it the page and its view data as it does to <c>Page()</c>.
/// </summary>
public sealed class RetryWithFreshRolesResult : PageResult
{
    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && await RolesChangedAsync(http))
        {
            var again = UriHelper.BuildRelative(http.Request.PathBase, http.Request.Path, http.Request.QueryString);
            var retry = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? new RedirectResult(again)
                : new RedirectResult(again, permanent: false, preserveMethod: true);
            await retry.ExecuteResultAsync(context);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await base.ExecuteResultAsync(context);
    }

    private static async Task<bool> RolesChangedAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<TokenSession>().RolesChangedAsync(http.RequestAborted);
        }
        catch (ApiUnavailableException)
        {
            return false; // the Platform is busy: the answer stands, the next page load refreshes
        }
    }
}
