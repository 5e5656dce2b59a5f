using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Governance.Statutes;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Members.Admitting;

/// <summary>POST /governance/members: admit an account (its id, as the Platform's member list gives it) into a college, under the name the members will see.</summary>
public sealed record AdmitMemberRequest(Guid? AccountId, string? Name, string? College);

internal sealed class AdmitMemberRequestValidator : AbstractValidator<AdmitMemberRequest>
{
    public AdmitMemberRequestValidator()
    {
        RuleFor(r => r.AccountId).NotNull().NotEqual(Guid.Empty).OverridePropertyName("accountId");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(120).OverridePropertyName("name");
        RuleFor(r => r.College).NotEmpty().MaximumLength(40).OverridePropertyName("college");
    }
}

internal static class AdmitMemberEndpoint
{
    public static void MapAdmitMember(this RouteGroupBuilder group) =>
        group.MapPost("/members", async Task<IResult> (TenantId coop, AdmitMemberRequest request, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var account = request.AccountId!.Value;
                StatuteTerms statutes;
                Member? before;
                await using (var query = sessions.QuerySession(coop))
                {
                    statutes = StatutesHistory.Current(await query.LoadAsync<StatutesHistory>(StatutesHistory.StreamId, cancellationToken)).Terms;
                    before = await query.LoadAsync<Member>(account, cancellationToken);
                }

                var admin = GovernanceAccess.AccountOf(http.User);
                var decided = await sessions.DecideOrStartAsync<Member>(
                    coop, account, member => MemberRules.Admit(member, statutes, account, request.Name!.Trim(), request.College!, admin, null, clock.GetUtcNow()), cancellationToken);
                return decided.Refusal switch
                {
                    MemberRefusals.NoSuchCollege => CodedProblems.Field("college", MemberRefusals.NoSuchCollege, "The statutes have no such college."),
                    MemberRefusals.AlreadyAdmitted => CodedProblems.Field("accountId", MemberRefusals.AlreadyAdmitted, "This account is already a member, in another college.", StatusCodes.Status409Conflict),
                    _ when before is not null => TypedResults.Ok(MemberView.Of(decided.State!)),
                    _ => TypedResults.Created($"/api/coops/{coop}/governance/members/{account}", MemberView.Of(decided.State!)),
                };
            })
            .Validate<AdmitMemberRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("AdmitMember")
            .WithSummary("Admit an account as a member into a college (the cooperative's admins); admitted again into the same college changes nothing.")
            .Produces<MemberView>(StatusCodes.Status201Created)
            .Produces<MemberView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
