namespace Marketplace.Web.Api;

/// <summary>A page of a list the services answer a page at a time, and where it stands among all of them.</summary>
public interface IPaged
{
    int Page { get; }

    int PageSize { get; }

    long Total { get; }

    int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}
