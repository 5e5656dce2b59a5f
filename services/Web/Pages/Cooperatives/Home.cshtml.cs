using Marketplace.Contracts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Cooperatives;

public sealed class HomeModel(MarketplaceApi api) : PageModel
{
    public Cooperative Cooperative { get; private set; } = null!;

    /// <summary>The storefront's categories, to browse from here (none when the catalog cannot say).</summary>
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>The storefront of this cooperative in the page's language: Storefront("products") → /fr/coops/{coop}/products.</summary>
    public string Storefront(string path) => WebAddresses.Cooperative(Cooperative.Slug, path);

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(coop, out var tenant) || await api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Cooperative = cooperative;
        Categories = await api.ListCategoriesAsync(tenant, cancellationToken);
        return Page();
    }
}
