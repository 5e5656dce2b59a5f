using System.ComponentModel.DataAnnotations;

namespace Marketplace.Catalog.Reservations;

/// <summary>How long checkout holds last and how often expired ones are released (section "Catalog").</summary>
public sealed class ReservationSettings
{
    public const string Section = "Catalog";

    /// <summary>A hold not committed within this many minutes is released.</summary>
    [Range(0.01, 24 * 60)]
    public double ReservationMinutes { get; set; } = 15;

    /// <summary>How often the sweeper looks for expired holds.</summary>
    [Range(0.1, 3600)]
    public double SweepSeconds { get; set; } = 30;

    public TimeSpan HoldFor => TimeSpan.FromMinutes(ReservationMinutes);

    public TimeSpan SweepEvery => TimeSpan.FromSeconds(SweepSeconds);
}
