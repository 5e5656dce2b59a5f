using Marketplace.Contracts;
using Marketplace.Hosting;
using Marten;
using Npgsql;

namespace Marketplace.Platform.Memberships;

/// <summary>Why a membership change is refused: stable codes, translated by the clients.</summary>
public static class MembershipRefusals
{
    public const string NotMember = "membership.not_found";

    /// <summary>A cooperative keeps at least one admin (ADR 46).</summary>
    public const string LastAdmin = "membership.last_admin";
}

/// <summary>
/// What changing and removing a membership share (ADR 46): one change at a time per cooperative, a 404 for an account
/// that is not a member, and never a cooperative without an admin.
/// </summary>
internal static class MembershipChanges
{
    /// <summary>
    /// Opens a transaction holding the cooperative's membership lock, so two admins removing each other at once cannot
    /// both pass the last-admin check; then the member's membership, or null when the account has none here.
    /// </summary>
    public static async Task<Membership?> LockAndLoadAsync(IDocumentSession session, TenantId coop, Guid accountId, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", session.Connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = $"platform.membership:{coop.Value}" });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await session.LoadAsync<Membership>(Membership.IdFor(coop.Value, accountId), cancellationToken);
    }

    /// <summary>True when taking the admin role from <paramref name="current"/> would leave the cooperative without one.</summary>
    public static async Task<bool> IsLastAdminAsync(IDocumentSession session, Membership current, CancellationToken cancellationToken) =>
        current.Roles.Contains(CooperativeRoles.Admin)
        && !await session.Query<Membership>().AnyAsync(
            m => m.Cooperative == current.Cooperative && m.AccountId != current.AccountId && m.Roles.Contains(CooperativeRoles.Admin), cancellationToken);

    public static IResult NoSuchMember() =>
        CodedProblems.Refused(MembershipRefusals.NotMember, StatusCodes.Status404NotFound, "This account is not a member of the cooperative.");

    public static IResult KeepsAnAdmin() =>
        CodedProblems.Refused(
            MembershipRefusals.LastAdmin,
            StatusCodes.Status409Conflict,
            "A cooperative keeps at least one admin.",
            "Make another member admin before taking this role from the last one.");
}
