using Marketplace.Contracts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Cooperatives;

public sealed class HomeModel(MarketplaceApi api) : PageModel
{
    public Cooperative Cooperative { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(slug, out var tenant) || await api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Cooperative = cooperative;
        return Page();
    }
}
