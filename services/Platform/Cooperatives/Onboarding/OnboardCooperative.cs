using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using JasperFx;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Memberships;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Platform.Cooperatives.Onboarding;

public sealed record OnboardCooperative(string Slug, string Name, string Country, string Currency, IReadOnlyList<string> Languages);

internal sealed class OnboardCooperativeValidator : AbstractValidator<OnboardCooperative>
{
    public static readonly IReadOnlySet<string> SupportedLanguages = new HashSet<string>(StringComparer.Ordinal) { "fr", "en" };

    private static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => new RegionInfo(culture.Name).ISOCurrencySymbol)
        .ToHashSet(StringComparer.Ordinal);

    public OnboardCooperativeValidator()
    {
        // A missing field gets its "must not be empty" error, not the next rule's exception.
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Slug).NotEmpty().Must(TenantId.IsValid)
            .WithMessage("The slug is 3 to 40 characters: lower-case letters and digits, starting with a letter, with single '-' between words (none at the end).").WithErrorCode("cooperative.slug_format");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Country).NotEmpty().Must(BeACountry).WithMessage("The country is an ISO 3166 alpha-2 code, such as FR.").WithErrorCode("cooperative.country");
        RuleFor(c => c.Currency).NotEmpty().Must(Currencies.Contains).WithMessage("The currency is an ISO 4217 code, such as EUR.").WithErrorCode("cooperative.currency");
        RuleFor(c => c.Languages).NotEmpty()
            .Must(languages => languages.All(SupportedLanguages.Contains) && languages.Distinct().Count() == languages.Count)
            .WithMessage("Languages are one or more of: fr, en, without repeats.").WithErrorCode("cooperative.languages");
    }

    private static bool BeACountry(string? code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

internal static class OnboardCooperativeEndpoint
{
    public static void MapOnboardCooperative(this RouteGroupBuilder group) =>
        group.MapPost("/", async (OnboardCooperative request, ClaimsPrincipal user, OnboardCooperativeHandler handler, CancellationToken cancellationToken) =>
            {
                var founder = Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : (Guid?)null;
                var outcome = await handler.Handle(request, founder, cancellationToken);
                return outcome switch
                {
                    OnboardingOutcome.Created created => Results.Created($"/api/cooperatives/{created.Cooperative.Id}", CooperativeResponse.From(created.Cooperative)),
                    OnboardingOutcome.SlugTaken => CodedProblems.Field(
                        "slug", "cooperative.slug_taken", "This slug is already taken.", StatusCodes.Status409Conflict,
                        detail: $"A cooperative named '{request.Slug}' exists or is being created; choose another slug."),
                    _ => throw new InvalidOperationException("Unknown onboarding outcome."),
                };
            })
            .RequireConfirmedEmail()
            .Validate<OnboardCooperative>()
            .RequireAuthorization()
            .WithName("OnboardCooperative")
            .WithSummary("Create a cooperative: its own database, registered, announced to every service.")
            .Produces<CooperativeResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

internal abstract record OnboardingOutcome
{
    public sealed record Created(Cooperative Cooperative) : OnboardingOutcome;

    public sealed record SlugTaken : OnboardingOutcome;
}

/// <summary>
/// Claims the slug (a unique document insert: of ten concurrent requests one wins), provisions the
/// database and registers it, then marks the cooperative active and appends CooperativeOnboarded in one
/// transaction, which the relay publishes; the founder's membership (admin, member) commits in that same
/// transaction, so there is never an active cooperative without its admin. Any failure undoes what this attempt created.
/// </summary>
internal sealed class OnboardCooperativeHandler(IDocumentStore store, CooperativeProvisioner provisioner, TimeProvider clock)
{
    /// <param name="founder">The account creating it: it becomes the cooperative's admin and member in the activating transaction.</param>
    public async Task<OnboardingOutcome> Handle(OnboardCooperative request, Guid? founder, CancellationToken cancellationToken)
    {
        var tenant = TenantId.Parse(request.Slug);
        var claim = new Cooperative
        {
            Id = tenant.Value,
            Name = request.Name.Trim(),
            Country = request.Country,
            Currency = request.Currency,
            Languages = request.Languages,
            Database = TenantRegistry.DatabaseNameFor(tenant),
            Status = CooperativeStatus.Provisioning,
            RequestedAt = clock.GetUtcNow(),
        };

        await using (var session = store.LightweightSession())
        {
            session.Insert(claim);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (DocumentAlreadyExistsException)
            {
                return new OnboardingOutcome.SlugTaken();
            }
        }

        // Past this point the claim is ours: provisioning either completes or removes the claim.
        var provisioning = await provisioner.ProvisionAsync(tenant, cancellationToken);
        try
        {
            var onboardedAt = clock.GetUtcNow();
            var active = claim with { Status = CooperativeStatus.Active, OnboardedAt = onboardedAt };
            await using var session = store.LightweightSession();
            session.Update(active);
            session.Events.StartStream<Cooperative>(tenant.Value, new CooperativeOnboarded(
                active.Id, active.Name, active.Country, active.Currency, active.Languages, onboardedAt));
            if (founder is { } accountId)
            {
                // after the onboarding's event: the services have the cooperative's schema before they learn its first member
                session.Record(Membership.Grant(null, tenant.Value, accountId, CooperativeRoles.Admin, CooperativeRoles.Member)!, onboardedAt);
            }
            await session.SaveChangesAsync(cancellationToken);
            return new OnboardingOutcome.Created(active);
        }
        catch
        {
            await provisioner.UndoAsync(provisioning);
            throw;
        }
    }
}
