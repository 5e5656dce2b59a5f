using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>A co-op admin's page: anyone who is no admin of the cooperative gets the page saying so, answered 403.</summary>
public abstract class AdminPage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : CooperativePage(api, session, texts);
