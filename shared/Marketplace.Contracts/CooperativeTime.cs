namespace Marketplace.Contracts;

/// <summary>
/// The time zone a cooperative's days, months, opening hours and deadlines are read in, in every service and page.
/// Every cooperative is in metropolitan France today; a cooperative's own zone would replace this one constant.
/// </summary>
public static class CooperativeTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>An instant as the cooperative's clocks show it (never the server's own zone, UTC on our machines).</summary>
    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;
}
