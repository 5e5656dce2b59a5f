using Marketplace.Contracts;

namespace Marketplace.Platform.Cooperatives.Onboarding;

/// <summary>For the local run: onboards the demo cooperative named by Marketplace:DemoCooperative, once.</summary>
internal sealed partial class DemoCooperativeSeeder(
    IConfiguration configuration, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<DemoCooperativeSeeder> logger)
    : BackgroundService
{
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
        var outcome = await scope.ServiceProvider.GetRequiredService<OnboardCooperativeHandler>().Handle(
            new OnboardCooperative(slug, "Coopérative de démonstration", "FR", "EUR", ["fr", "en"]), stoppingToken);
        LogSeeded(slug, outcome is OnboardingOutcome.Created ? "created" : "already there");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cooperative {Slug}: {Outcome}")]
    private partial void LogSeeded(string slug, string outcome);
}
