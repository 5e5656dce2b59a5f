using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>The platform's home: its cooperatives by name, a page at a time, and a search by name.</summary>
public sealed class IndexModel(MarketplaceApi api) : PageModel
{
    public CooperativesPage Cooperatives { get; private set; } = new([], 1, 1, 0);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Cooperatives, page => Url.Page("/Index", new { q = Query, page })!);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Query is { Length: > 100 } ? Query[..100] : Query;
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Cooperatives = await api.ListCooperativesAsync(Query, PageNumber, cancellationToken);
        var last = ((IPaged)Cooperatives).PageCount;
        return PageNumber > last ? Redirect(Pager.Link(last)) : Page();
    }
}
