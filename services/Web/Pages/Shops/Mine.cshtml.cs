using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>The shops the signed-in user owns in this cooperative, whatever their status, and the way to register one.</summary>
public sealed class MineModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public IReadOnlyList<Shop> Shops { get; private set; } = [];

    /// <summary>The user has no role in the cooperative: only members register shops.</summary>
    public bool NotMember { get; private set; }

    [TempData]
    public string? Registered { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var shops = await Api.ListMyShopsAsync(Token, Tenant, cancellationToken);
        if (shops.Status == System.Net.HttpStatusCode.Forbidden)
        {
            NotMember = true;
            return Page();
        }

        if (Refused(shops) is { } refused)
        {
            return refused;
        }

        Shops = Required(shops);
        return Page();
    }
}
