using Marketplace.Platform.Memberships;

namespace Marketplace.UnitTests.Platform.Accounts;

public class MembershipTests
{
    private static readonly Guid Account = Guid.NewGuid();

    [Fact]
    public void First_role_creates_the_membership()
    {
        var granted = Membership.Grant(null, "lyon", Account, CooperativeRoles.ShopOwner);

        Assert.NotNull(granted);
        Assert.Equal($"lyon/{Account}", granted.Id);
        Assert.Equal([CooperativeRoles.ShopOwner], granted.Roles);
    }

    [Fact]
    public void Another_role_is_added_in_the_listed_order()
    {
        var current = Membership.Grant(null, "lyon", Account, CooperativeRoles.Admin)!;

        var granted = Membership.Grant(current, "lyon", Account, CooperativeRoles.Customer);

        Assert.Equal([CooperativeRoles.Customer, CooperativeRoles.Admin], granted!.Roles);
    }

    [Fact]
    public void Role_already_held_changes_nothing()
    {
        var current = Membership.Grant(null, "lyon", Account, CooperativeRoles.Admin, CooperativeRoles.Member)!;

        Assert.Null(Membership.Grant(current, "lyon", Account, CooperativeRoles.Member));
    }
}
