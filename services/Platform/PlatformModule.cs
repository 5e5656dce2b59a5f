using FluentValidation;
using JasperFx.Events;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Accounts.ConfirmingEmail;
using Marketplace.Platform.Accounts.ReadingMe;
using Marketplace.Platform.Accounts.ResettingPassword;
using Marketplace.Platform.Accounts.SigningIn;
using Marketplace.Platform.Accounts.SigningUp;
using Marketplace.Platform.Cooperatives;
using Marketplace.Platform.Cooperatives.Approving;
using Marketplace.Platform.Cooperatives.Exporting;
using Marketplace.Platform.Cooperatives.Getting;
using Marketplace.Platform.Cooperatives.Listing;
using Marketplace.Platform.Cooperatives.Onboarding;
using Marketplace.Platform.Cooperatives.ReadingLegalPage;
using Marketplace.Platform.Cooperatives.WritingLegalPage;
using Marketplace.Platform.Memberships;
using Marketplace.Platform.Memberships.AddingMember;
using Marketplace.Platform.Memberships.ChangingRoles;
using Marketplace.Platform.Memberships.ListingMembers;
using Marketplace.Platform.Memberships.LookingUpMember;
using Marketplace.Platform.Memberships.NamingMembers;
using Marketplace.Platform.Memberships.RecordingCustomer;
using Marketplace.Platform.Memberships.RemovingMember;
using Marketplace.Platform.Notifications;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Platform;

/// <summary>The control plane: cooperatives (tenants) and their provisioning; accounts, sign-in and memberships.</summary>
public static class PlatformModule
{
    public const int RelayLockId = 4100;

    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(PlatformModule).Assembly, includeInternalTypes: true);
        builder.AddPlatformStore<PlatformIntegrationEvents>("platform", RelayLockId, options =>
        {
            options.Events.StreamIdentity = StreamIdentity.AsString; // a cooperative's stream is keyed by its slug
            options.Schema.For<Cooperative>().Identity(c => c.Id);
            options.Schema.For<CooperativeLegalPage>().Identity(p => p.Id).Index(p => p.Cooperative);
            options.Schema.For<Account>().Identity(a => a.Id).UniqueIndex(a => a.NormalizedEmail);
            options.Schema.For<Membership>().Identity(m => m.Id).Index(m => m.AccountId).Index(m => m.Cooperative);
            options.Schema.For<RevokedSession>().Identity(r => r.Id);
            options.Schema.For<PasswordReset>().Identity(r => r.Id).Index(r => r.AccountId);
            options.Schema.For<EmailConfirmation>().Identity(c => c.Id).Index(c => c.AccountId);
            options.Schema.For<SignInAttempts>().Identity(a => a.Id).UseOptimisticConcurrency(true);
            options.AddNotifications();
        });
        builder.AddMessaging("platform", bus =>
        {
            bus.AddNotificationConsumers();
            bus.AddConsumer<RecordCustomer>();
        });
        builder.AddNotifications();
        builder.AddTokenServer();
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddSingleton<PasswordResetMail>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<CooperativeProvisioner>();
        // Before the shared handler (handlers run in registration order), which would classify the cause inside it.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler, ProvisioningFailedHandler>());
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
        cooperatives.MapGetCooperative();
        cooperatives.MapApproveCooperative();
        cooperatives.MapWithdrawCooperativeApproval();
        cooperatives.MapGetLegalPage();
        cooperatives.MapWriteLegalPage();

        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapSignUp();
        accounts.MapRequestPasswordReset();
        accounts.MapConfirmPasswordReset();
        accounts.MapResendEmailConfirmation();
        accounts.MapConfirmEmail();
        app.MapGetMe();
        app.MapIssueToken();

        var memberships = app.MapGroup("/api/coops/{coop}/memberships").WithTags("Memberships");
        memberships.MapListMembers();
        memberships.MapAddMember();
        memberships.MapChangeMemberRoles();
        memberships.MapRemoveMember();
        memberships.MapLookUpMember();
        memberships.MapNameMembers();
        app.MapExportCooperative();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class PlatformService;
