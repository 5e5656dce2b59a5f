using FluentValidation;
using JasperFx.Events;
using Marketplace.Platform.Cooperatives;
using Marketplace.Platform.Cooperatives.Listing;
using Marketplace.Platform.Cooperatives.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Platform;

/// <summary>The control plane: cooperatives (tenants) and their provisioning.</summary>
public static class PlatformModule
{
    public const int DaemonLockId = 4100;

    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(PlatformModule).Assembly, includeInternalTypes: true);
        builder.AddPlatformStore<PlatformIntegrationEvents>("platform", DaemonLockId, options =>
        {
            options.Events.StreamIdentity = StreamIdentity.AsString; // a cooperative's stream is keyed by its slug
            options.Schema.For<Cooperative>().Identity(c => c.Id);
        });
        builder.AddMessaging("platform");
        builder.Services.AddSingleton<CooperativeProvisioner>();
        builder.Services.AddExceptionHandler<ProvisioningFailedHandler>();
        builder.Services.AddScoped<OnboardCooperativeHandler>();
        builder.Services.AddHostedService<DemoCooperativeSeeder>();
        builder.Services.AddSingleton<AbandonedOnboardingSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AbandonedOnboardingSweeper>());
        return builder;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        var cooperatives = app.MapGroup("/api/cooperatives").WithTags("Cooperatives");
        cooperatives.MapOnboardCooperative();
        cooperatives.MapListCooperatives();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class PlatformService;
