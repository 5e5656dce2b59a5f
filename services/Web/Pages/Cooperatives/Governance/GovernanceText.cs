using System.Globalization;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api.Governance;
using Marketplace.Web.Pages.Storefront;

namespace Marketplace.Web.Pages.Cooperatives.Governance;

/// <summary>How the governance pages write what the API gives: colleges by their name in the page's language, rates, dates in the cooperative's zone.</summary>
public static class GovernanceText
{
    /// <summary>The college's name in the page's language; its key when the statutes no longer have it.</summary>
    public static string CollegeName(IEnumerable<College> colleges, string key) =>
        colleges.FirstOrDefault(c => c.Key == key) is { } college ? Name(college) : key;

    public static string Name(College college) => WebAddresses.Language == "fr" ? college.NameFr : college.NameEn;

    /// <summary>Basis points as a percentage: 2000 → "20 %" in French, "20%" in English.</summary>
    public static string Percent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.CurrentCulture) + (WebAddresses.Language == "fr" ? "\u00a0%" : "%");

    public static string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, OrderFormat.Zone).ToString("g", CultureInfo.CurrentCulture);

    public static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, OrderFormat.Zone).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>Midnight of that day in the cooperative's zone.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, OrderFormat.Zone.GetUtcOffset(local));
    }
}
