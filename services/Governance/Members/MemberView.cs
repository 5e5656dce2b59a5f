namespace Marketplace.Governance.Members;

/// <summary>A member: account, name, college, since when, admitted by an admin (admittedBy) or by a vote (proposalId).</summary>
public sealed record MemberView(Guid AccountId, string Name, string College, DateTimeOffset AdmittedAt, Guid? AdmittedBy, Guid? ProposalId)
{
    public static MemberView Of(Member member) => new(member.Id, member.Name, member.College, member.AdmittedAt, member.AdmittedBy, member.ProposalId);
}
