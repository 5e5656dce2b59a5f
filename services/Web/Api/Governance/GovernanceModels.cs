namespace Marketplace.Web.Api.Governance;

// Governance's answers and request bodies as the web app reads and writes them, held against docs/openapi/governance.json by ApiSchemaTests.

/// <summary>A college of members and its weight in a result, in percent (the statutes' weights add up to 100).</summary>
public sealed record College(string Key, string NameFr, string NameEn, int Weight);

/// <summary>The majority each kind of proposal needs: "simple" or "twoThirds".</summary>
public sealed record Majorities(string FeeChange, string Admission, string Statutes, string Motion);

/// <summary>The statutes in force (GET .../governance/statutes): Version is the next change's expectedVersion (0: the default no one set).</summary>
public sealed record Statutes(
    int Version, IReadOnlyList<College> Colleges, int QuorumPercent, Majorities Majorities, bool AbstentionsCountAgainst, int VotingDays, int MaxProxies, bool SecretBallot,
    Guid? SetBy, Guid? ProposalId, DateTimeOffset? At);

/// <summary>The rules a proposal is decided by (the statutes of its opening), or the statutes a proposal proposes.</summary>
public sealed record StatuteTerms(
    IReadOnlyList<College> Colleges, int QuorumPercent, Majorities Majorities, bool AbstentionsCountAgainst, int VotingDays, int MaxProxies, bool SecretBallot);

/// <summary>Statutes as an admin writes them (in PUT .../statutes and in a statutes proposal).</summary>
public sealed record StatutesDraft(
    IReadOnlyList<College> Colleges, int QuorumPercent, Majorities Majorities, bool AbstentionsCountAgainst, int VotingDays, int MaxProxies, bool SecretBallot);

/// <summary>PUT .../governance/statutes: 409 statutes.version_conflict when they changed since they were read.</summary>
public sealed record NewStatutes(int ExpectedVersion, StatutesDraft Statutes);

/// <summary>A member who votes: an account admitted into a college, by an admin (AdmittedBy) or by a vote (ProposalId).</summary>
public sealed record GovernanceMember(Guid AccountId, string Name, string College, DateTimeOffset AdmittedAt, Guid? AdmittedBy, Guid? ProposalId);

/// <summary>POST .../governance/members: an account of the cooperative admitted into a college (the cooperative's admins).</summary>
public sealed record NewGovernanceMember(Guid AccountId, string Name, string College);

/// <summary>A proposal in the list (GET .../governance/proposals): Status is open, closing (its deadline passed, the close is on its way) or closed.</summary>
public sealed record ProposalSummary(Guid Id, string Kind, string Title, string Status, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, int Electorate, int TookPart, bool? Adopted);

/// <summary>What a fee change proposes: FeeRate in basis points, for orders placed from EffectiveSince.</summary>
public sealed record FeeChange(int FeeRate, DateTimeOffset EffectiveSince);

/// <summary>Whom an admission proposes to admit, into which college.</summary>
public sealed record Admission(Guid AccountId, string Name, string College);

/// <summary>A proxy the caller holds: whose, and the vote cast with it (none yet).</summary>
public sealed record HeldProxy(Guid AccountId, string Name, string? Choice);

/// <summary>The caller's part in a proposal: their college, their vote, the proxy they gave, the proxies they hold.</summary>
public sealed record MyPart(string College, string? Choice, Guid? CastBy, Guid? ProxyTo, IReadOnlyList<HeldProxy> ProxiesHeld);

/// <summary>How a member voted (once closed, when the ballot is public).</summary>
public sealed record VoteView(string Name, string College, string Choice, bool ByProxy);

/// <summary>One college's figures in a result.</summary>
public sealed record CollegeCount(string College, int Weight, int Members, int For, int Against, int Abstain);

/// <summary>A closed proposal's result and every figure that produced it; ForShare in basis points, rounded down.</summary>
public sealed record Outcome(
    IReadOnlyList<CollegeCount> Colleges, int Electorate, int TookPart, int QuorumPercent, bool QuorumReached, bool AbstentionsCountAgainst, string Majority,
    string ForNumerator, string ForDenominator, int ForShare, bool Adopted);

/// <summary>A proposal (GET .../governance/proposals/{id}), as the caller sees it.</summary>
public sealed record Proposal(
    Guid Id, string Kind, string Title, string Text, FeeChange? FeeChange, Admission? Admission, StatuteTerms? Statutes,
    string Status, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, int StatutesVersion, StatuteTerms Rules,
    int Electorate, int TookPart, MyPart? Me, Outcome? Outcome, IReadOnlyList<VoteView>? Votes, string Head);

/// <summary>A fee change's part of a new proposal.</summary>
public sealed record NewFeeChange(int FeeRate, DateTimeOffset EffectiveSince);

/// <summary>An admission's part of a new proposal.</summary>
public sealed record NewAdmission(Guid AccountId, string Name, string College);

/// <summary>POST .../governance/proposals (the cooperative's admins): Id is the page's own, so a form posted twice opens one proposal.</summary>
public sealed record NewProposal(Guid Id, string Kind, string Title, string Text, NewFeeChange? FeeChange, NewAdmission? Admission, StatutesDraft? Statutes);

/// <summary>POST .../ballots: the caller's vote, or the vote of a member whose proxy they hold (OnBehalfOf).</summary>
public sealed record BallotChoice(string Choice, Guid? OnBehalfOf);

/// <summary>PUT .../proxy: the member of the caller's college who will vote for them.</summary>
public sealed record ProxyHolder(Guid Holder);

/// <summary>The members called in one college of a proposal, and its weight.</summary>
public sealed record ElectorateCollege(string College, int Weight, int Members);

/// <summary>One event of a proposal's published record (Voter: a name, or a pseudonym when the ballot is secret; Choice once closed).</summary>
public sealed record RecordEntry(int Sequence, string Type, DateTimeOffset At, string? Voter, string? College, string? Choice, string? CastBy, string Chain);

/// <summary>A proposal's published record (GET .../record): what anyone needs to count the vote again.</summary>
public sealed record ProposalRecord(
    Guid ProposalId, string Kind, string Status, int QuorumPercent, string Majority, bool AbstentionsCountAgainst, bool SecretBallot,
    IReadOnlyList<ElectorateCollege> Electorate, IReadOnlyList<RecordEntry> Entries, Outcome? Outcome, string Head);

/// <summary>Whether every stored event of the proposal still matches the hash chain (GET .../verification).</summary>
public sealed record ProposalVerification(Guid ProposalId, bool Intact, int Events, int? FirstBroken, string Head);
