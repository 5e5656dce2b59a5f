using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Platform;

namespace Marketplace.Catalog.Shops.AddingOwner;

/// <summary>
/// Whether an account is a member of the cooperative, as the Catalog knows it from the Platform's MembershipChanged
/// (ADR 51). Id = the account. Kept when the membership is removed (<see cref="IsMember"/> false) so that an older
/// change arriving late cannot bring it back: <see cref="Version"/> is the Platform's version of that membership.
/// </summary>
public sealed record CooperativeMember(Guid Id, bool IsMember, long Version, DateTimeOffset ChangedAt);

/// <summary>Why an account is not named a shop's owner (ADR 51).</summary>
public static class MemberRefusals
{
    /// <summary>The account is not a member of the cooperative: unknown, another cooperative's, or removed.</summary>
    public const string NotAMember = "shop.owner_not_a_member";
}

internal static class CooperativeMembers
{
    public static async Task<bool> IsMemberAsync(this CooperativeSessions sessions, TenantId coop, Guid accountId, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        return await session.LoadAsync<CooperativeMember>(accountId, cancellationToken) is { IsMember: true };
    }

    /// <summary>The same 422 on <c>accountId</c> whatever the reason: it never tells that an account exists elsewhere.</summary>
    public static IResult NotAMember() => CodedProblems.Field(
        "accountId",
        MemberRefusals.NotAMember,
        "This account is not a member of the cooperative.",
        StatusCodes.Status422UnprocessableEntity,
        "Only a member of the cooperative can own one of its shops.");
}

/// <summary>The Platform granted, changed or took a membership: the Catalog's copy follows, the latest version winning.</summary>
[ConsumerName("catalog-membership-changed")]
internal sealed class RecordMembership(CooperativeSessions sessions, TimeProvider clock, ILogger<RecordMembership> logger)
    : CooperativeConsumer<Contract.MembershipChanged>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.MembershipChanged message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CooperativeMember>(message.AccountId, cancellationToken) is { } known && known.Version >= message.Version)
        {
            return;
        }

        session.Store(new CooperativeMember(message.AccountId, message.Roles.Count > 0, message.Version, message.ChangedAt));
    }
}
