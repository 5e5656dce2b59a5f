using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class IndexModel(MarketplaceApi api) : PageModel
{
    public IReadOnlyList<Cooperative> Cooperatives { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cooperatives = await api.ListCooperativesAsync(cancellationToken);
}
