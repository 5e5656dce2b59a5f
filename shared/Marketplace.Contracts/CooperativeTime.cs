namespace Marketplace.Contracts;

/// <summary>
/// The time zone a cooperative's days, months, opening hours and deadlines are read in, in every service and page.
/// Every cooperative is in metropolitan France today; a cooperative's own zone would replace this one constant.
/// </summary>
public static class CooperativeTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}
