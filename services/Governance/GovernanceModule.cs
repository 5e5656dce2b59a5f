using FluentValidation;
using Marketplace.Governance.Members;
using Marketplace.Governance.Members.Admitting;
using Marketplace.Governance.Members.Listing;
using Marketplace.Governance.Members.ReadingMine;
using Marketplace.Governance.Proposals;
using Marketplace.Governance.Proposals.GivingProxy;
using Marketplace.Governance.Proposals.Listing;
using Marketplace.Governance.Proposals.Opening;
using Marketplace.Governance.Proposals.Publishing;
using Marketplace.Governance.Proposals.Verifying;
using Marketplace.Governance.Proposals.Viewing;
using Marketplace.Governance.Proposals.Voting;
using Marketplace.Governance.Proposals.WithdrawingProxy;
using Marketplace.Governance.Statutes;
using Marketplace.Governance.Statutes.Setting;
using Marketplace.Governance.Statutes.Viewing;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance;

/// <summary>
/// The cooperative's members and colleges, its statutes, its proposals and their votes, in the "governance" schema of
/// each cooperative's database. An adopted fee change reaches Payments by itself (FeePolicyAdopted).
/// </summary>
public static class GovernanceModule
{
    public const int RelayLockId = 4500;
    public const string Schema = "governance";

    public static IHostApplicationBuilder AddGovernance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(GovernanceModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<GovernanceIntegrationEvents>(Schema, RelayLockId, options =>
        {
            options.AddEventSourced<StatutesHistory>();
            options.AddEventSourced<Member>();
            options.AddEventSourced<Proposal>();
            options.Schema.For<ProposalDeadline>().Index(d => d.Due);
        });
        builder.AddMessaging("governance", bus => bus.AddConsumer<ApplyCooperativeSchema>());
        builder.Services.AddSingleton<CooperativeDeadlines>();
        builder.Services.AddSingleton<GovernanceDesk>();
        builder.Services.AddHostedService<ProposalSweeper>();
        return builder;
    }

    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapCooperativeExport("governance", Schema);
        var governance = app.MapGroup("/api/coops/{coop}/governance").WithTags("Governance");
        governance.MapGetStatutes();
        governance.MapSetStatutes();
        governance.MapListMembers();
        governance.MapGetMyMembership();
        governance.MapAdmitMember();
        governance.MapListProposals();
        governance.MapOpenProposal();
        governance.MapGetProposal();
        governance.MapCastBallot();
        governance.MapGiveProxy();
        governance.MapWithdrawProxy();
        governance.MapProposalRecord();
        governance.MapVerifyProposal();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class GovernanceService;
