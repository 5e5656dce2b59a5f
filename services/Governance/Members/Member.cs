using Marketplace.Governance.Statutes;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Governance.Members;

/// <summary>An account was admitted as a member into a college, by an admin (AdmittedBy) or by the members' vote (ProposalId).</summary>
public sealed record MemberAdmitted(Guid AccountId, string Name, string College, Guid? AdmittedBy, Guid? ProposalId, DateTimeOffset At);

/// <summary>A member of the cooperative: one account, one college, one vote. Id = the account's id (one stream per member).</summary>
public sealed record Member(Guid Id, string Name, string College, DateTimeOffset AdmittedAt, Guid? AdmittedBy, Guid? ProposalId) : IEventSourced<Member>
{
    public static Member? Fold(Member? state, object change) => change switch
    {
        MemberAdmitted e when state is null => new Member(e.AccountId, e.Name, e.College, e.At, e.AdmittedBy, e.ProposalId),
        _ => state,
    };
}

public static class MemberRefusals
{
    public const string AlreadyAdmitted = "member.already_admitted";
    public const string NoSuchCollege = "member.no_such_college";
}

public static class MemberRules
{
    /// <summary>Admits an account into a college of the statutes in force; admitted again into the same college changes nothing.</summary>
    public static Decision Admit(Member? current, StatuteTerms statutes, Guid account, string name, string college, Guid? by, Guid? proposal, DateTimeOffset now)
    {
        if (current is not null)
        {
            return current.College == college ? Decision.Unchanged : Decision.Refuse(MemberRefusals.AlreadyAdmitted);
        }

        return statutes.College(college) is null
            ? Decision.Refuse(MemberRefusals.NoSuchCollege)
            : Decision.To(new MemberAdmitted(account, name, college, by, proposal, now));
    }
}
