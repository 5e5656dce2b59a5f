using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.UnitTests.ServiceDefaults;

public class CooperativeDeadlinesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_cooperatives_whose_deadline_has_come_are_taken_and_then_forgotten()
    {
        var deadlines = new CooperativeDeadlines();
        deadlines.Due(TenantId.Parse("due-now"), Noon);
        deadlines.Due(TenantId.Parse("due-later"), Noon.AddMinutes(30));

        Assert.Equal(["due-now"], deadlines.TakeDue(Noon).Select(t => t.Value));
        Assert.Empty(deadlines.TakeDue(Noon.AddMinutes(1))); // taken once; due-later not yet
        Assert.Equal(["due-later"], deadlines.TakeDue(Noon.AddMinutes(30)).Select(t => t.Value));
        Assert.Empty(deadlines.TakeDue(Noon.AddDays(1)));
    }

    [Fact]
    public void The_earliest_deadline_of_a_cooperative_is_kept()
    {
        var deadlines = new CooperativeDeadlines();
        var coop = TenantId.Parse("bakers");
        deadlines.Due(coop, Noon.AddHours(2));
        deadlines.Due(coop, Noon.AddMinutes(30));
        deadlines.Due(coop, Noon.AddHours(1));

        Assert.Empty(deadlines.TakeDue(Noon.AddMinutes(29)));
        Assert.Equal([coop], deadlines.TakeDue(Noon.AddMinutes(30)));
    }
}
