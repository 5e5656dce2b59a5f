using Marketplace.Contracts;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Memberships;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Platform.Cooperatives.Onboarding;

/// <summary>
/// For the local run: onboards the demo cooperative named by Marketplace:DemoCooperative, once. In
/// Development, with Marketplace:DemoAccountPassword set, its creator is the account demo@marketplace.local
/// with that password (set again at every start, so the password deploy/run.sh prints always works).
/// </summary>
internal sealed partial class DemoCooperativeSeeder(
    IConfiguration configuration, IHostEnvironment environment, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<DemoCooperativeSeeder> logger)
    : BackgroundService
{
    public const string DemoEmail = "demo@marketplace.local";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration["Marketplace:DemoCooperative"] is not { Length: > 0 } slug || !TenantId.IsValid(slug))
        {
            return;
        }

        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        await using var scope = scopes.CreateAsyncScope();
        Guid? founder = environment.IsDevelopment() && configuration["Marketplace:DemoAccountPassword"] is { Length: > 0 } password
            ? await SeedAccountAsync(scope.ServiceProvider, password, stoppingToken)
            : null;
        var outcome = await scope.ServiceProvider.GetRequiredService<OnboardCooperativeHandler>().Handle(
            new OnboardCooperative(slug, "Coopérative de démonstration", "FR", "EUR", ["fr", "en"]), founder, stoppingToken);
        if (outcome is OnboardingOutcome.SlugTaken && founder is { } accountId)
        {
            // Onboarded by an earlier run: make sure the demo account is still its admin.
            await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
            var current = await session.LoadAsync<Membership>(Membership.IdFor(slug, accountId), stoppingToken);
            if (Membership.Grant(current, slug, accountId, CooperativeRoles.Admin, CooperativeRoles.Member) is { } granted)
            {
                session.Record(granted, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
                await session.SaveChangesAsync(stoppingToken);
            }
        }

        await ApproveAsync(scope.ServiceProvider, slug, stoppingToken);
        LogSeeded(slug, outcome is OnboardingOutcome.Created ? "created" : "already there");
    }

    /// <summary>The demo is on the platform's public list: the local run shows it on the home page.</summary>
    private static async Task ApproveAsync(IServiceProvider services, string slug, CancellationToken cancellationToken)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        if (await session.LoadAsync<Cooperative>(slug, cancellationToken) is { Status: CooperativeStatus.Active, ApprovedAt: null } cooperative)
        {
            session.Store(cooperative with { ApprovedAt = services.GetRequiredService<TimeProvider>().GetUtcNow() });
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<Guid> SeedAccountAsync(IServiceProvider services, string password, CancellationToken cancellationToken)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<Account>>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        var normalized = Account.Normalize(DemoEmail);
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken)
            ?? new Account
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Email = DemoEmail,
                NormalizedEmail = normalized,
                DisplayName = "Demo admin",
                Language = "fr",
                PasswordHash = "",
                SecurityStamp = Guid.NewGuid(),
                CreatedAt = clock.GetUtcNow(),
            };
        // The operator seeds it: its address is confirmed (nobody reads demo@marketplace.local).
        session.Store(account with { PasswordHash = hasher.HashPassword(account, password), EmailConfirmed = true });
        await session.SaveChangesAsync(cancellationToken);
        return account.Id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cooperative {Slug}: {Outcome}")]
    private partial void LogSeeded(string slug, string outcome);
}
