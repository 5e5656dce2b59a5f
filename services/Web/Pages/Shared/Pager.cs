using Marketplace.Web.Api;

namespace Marketplace.Web.Pages;

/// <summary>What the _Pager partial shows: where a page stands, and the address of another page.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link)
{
    public static Pager Of(IPaged paged, Func<int, string> link) => new(paged.Page, paged.PageCount, link);
}
