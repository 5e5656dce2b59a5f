using Marketplace.Contracts;
using Marten;

namespace Marketplace.Platform.Cooperatives.Onboarding;

/// <summary>
/// An onboarding whose process died between claiming the slug and activating the cooperative leaves a
/// claim, maybe a database and a registry row. Provisioning takes about a second, so a claim still
/// provisioning after five minutes is abandoned: this undoes it, and the slug is free again.
/// </summary>
internal sealed partial class AbandonedOnboardingSweeper(
    IDocumentStore store, CooperativeProvisioner provisioner, TimeProvider clock, ILogger<AbandonedOnboardingSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - AbandonedAfter;
        IReadOnlyList<Cooperative> abandoned;
        await using (var session = store.QuerySession())
        {
            abandoned = await session.Query<Cooperative>()
                .Where(c => c.Status == CooperativeStatus.Provisioning && c.RequestedAt < cutoff)
                .ToListAsync(cancellationToken);
        }

        foreach (var claim in abandoned)
        {
            // Whatever the attempt got to, undo all of it (each step tolerates what is not there).
            await provisioner.UndoAsync(new CooperativeProvisioner.Provisioning(TenantId.Parse(claim.Id)) { DatabaseCreated = true, Registered = true });
            LogSwept(claim.Id, claim.RequestedAt);
        }

        return abandoned.Select(c => c.Id).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abandoned onboarding of {Slug} (claimed {RequestedAt}) undone")]
    private partial void LogSwept(string slug, DateTimeOffset requestedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping abandoned onboardings failed; next try in a minute")]
    private partial void LogSweepFailed(Exception exception);
}
