using Marketplace.Contracts;
using Marketplace.Contracts.Governance;
using Marketplace.Platform.Accounts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications.Governance;

/// <summary>Mails every account of <see cref="Voters"/> once per message, each in their own language.</summary>
internal abstract class TellMembers<T>(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger logger)
    : MailingConsumer<T>(store, outbox, clock, logger)
    where T : class, IIntegrationEvent
{
    protected abstract IReadOnlyList<Guid> Voters(T message);

    protected abstract Guid ProposalOf(T message);

    protected abstract (string Subject, string Body) Text(T message, string language, string name, string link);

    protected sealed override async Task Handle(T message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var now = Now();
        foreach (var account in await session.LoadManyAsync<Account>(cancellationToken, Voters(message).Distinct().ToArray()))
        {
            var language = OutgoingMail.LanguageOf(account);
            var link = GovernanceMails.ProposalLink(mail.WebBaseUrl, language, tenant, ProposalOf(message));
            session.Insert(OutgoingMail.ToAccount(key, account, Text(message, language, account.DisplayName, link), now));
        }
    }
}

/// <summary>A proposal opened: every member called to vote is told until when.</summary>
[ConsumerName("tell-members-of-proposal-opened")]
internal sealed class TellMembersOfProposalOpened(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellMembersOfProposalOpened> logger)
    : TellMembers<ProposalOpened>(store, outbox, mail, clock, logger)
{
    protected override IReadOnlyList<Guid> Voters(ProposalOpened message) => message.Voters;

    protected override Guid ProposalOf(ProposalOpened message) => message.ProposalId;

    protected override (string Subject, string Body) Text(ProposalOpened message, string language, string name, string link) =>
        GovernanceMails.Opened(language, name, message.Title, message.ClosesAt, link);
}

/// <summary>A day before the close, the members who have not voted are reminded.</summary>
[ConsumerName("tell-members-of-proposal-closing")]
internal sealed class TellMembersOfProposalClosing(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellMembersOfProposalClosing> logger)
    : TellMembers<ProposalClosingSoon>(store, outbox, mail, clock, logger)
{
    protected override IReadOnlyList<Guid> Voters(ProposalClosingSoon message) => message.Voters;

    protected override Guid ProposalOf(ProposalClosingSoon message) => message.ProposalId;

    protected override (string Subject, string Body) Text(ProposalClosingSoon message, string language, string name, string link) =>
        GovernanceMails.ClosingSoon(language, name, message.Title, message.ClosesAt, link);
}

/// <summary>The proposal closed: every member called to vote is told the result.</summary>
[ConsumerName("tell-members-of-proposal-decided")]
internal sealed class TellMembersOfProposalDecided(IDocumentStore store, MailOutbox outbox, NotificationMail mail, TimeProvider clock, ILogger<TellMembersOfProposalDecided> logger)
    : TellMembers<ProposalDecided>(store, outbox, mail, clock, logger)
{
    protected override IReadOnlyList<Guid> Voters(ProposalDecided message) => message.Voters;

    protected override Guid ProposalOf(ProposalDecided message) => message.ProposalId;

    protected override (string Subject, string Body) Text(ProposalDecided message, string language, string name, string link) =>
        GovernanceMails.Decided(language, name, message.Title, message.Adopted, message.TookPart, message.Voters.Count, message.ForShare, link);
}
