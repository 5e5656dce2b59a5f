using System.ComponentModel.DataAnnotations;
using Stripe;

namespace Marketplace.Payments.StripeApi;

/// <summary>
/// How Payments reaches Stripe (section "Payments:Stripe"). With a real key (sk_test_… or sk_live_…) and no ApiBase, Stripe.net
/// talks to Stripe itself; locally and in the tests ApiBase is the local sandbox (ADR 30) and the key its sk_test_ one. The
/// code is the same either way (ADR 34).
/// </summary>
public sealed class StripeSettings
{
    public const string Section = "Payments:Stripe";

    /// <summary>Where the local sandbox listens when deploy/run.sh starts it.</summary>
    public const string LocalSandbox = "http://127.0.0.1:5090";

    /// <summary>The secret key. None: the local sandbox (at ApiBase, or <see cref="LocalSandbox"/>) with a test key of its own.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where Stripe.net sends its calls: none for Stripe itself (with a real key), the local sandbox's address otherwise.</summary>
    public string? ApiBase { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…); the local sandbox signs with the one deploy/run.sh gives it.</summary>
    [Required]
    public string WebhookSecret { get; set; } = "whsec_local_sandbox_only";

    /// <summary>How old a webhook's signature may be (seconds) before it is refused as stale (Stripe.net's default: 300).</summary>
    [Range(1, 3600)]
    public long WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// Where a customer pays a PaymentIntent in a browser without Stripe.js: the sandbox's hosted page (/pay/{id}). None with
    /// real Stripe: the web app confirms the client secret with Stripe.js.
    /// </summary>
    public string? HostedPaymentPageBase { get; set; }

    /// <summary>The connected accounts' country (Stripe Express).</summary>
    public string AccountCountry { get; set; } = "FR";

    /// <summary>How often the sweeper polls Stripe for payments and accounts whose webhook did not come yet, and checks lapsing authorisations.</summary>
    [Range(0.1, 3600)]
    public double PollSeconds { get; set; } = 30;

    /// <summary>How long after its creation a manual-capture authorisation may still be captured: Stripe's 7 days minus a margin of 12 hours.</summary>
    public TimeSpan AuthorisationLifetime { get; set; } = TimeSpan.FromDays(7) - TimeSpan.FromHours(12);

    /// <summary>How long before CaptureBefore Payments warns Ordering (PaymentAuthorisationLapsing) when no capture instruction came.</summary>
    public TimeSpan LapsingNotice { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The web app's address (Marketplace:WebBaseUrl): onboarding links send the owner back to the shop's payouts page there.</summary>
    public string WebBaseUrl { get; set; } = "http://127.0.0.1:5000";

    public TimeSpan PollEvery => TimeSpan.FromSeconds(PollSeconds);

    public string? PayUrl(string intentId, string clientSecret) =>
        HostedPaymentPageBase is { } page ? $"{page.TrimEnd('/')}/pay/{intentId}?client_secret={Uri.EscapeDataString(clientSecret)}" : null;
}

public static class StripeRegistration
{
    /// <summary>One Stripe.net client for the process, from the settings (its HTTP client retries network failures with the same idempotency key).</summary>
    public static IHostApplicationBuilder AddStripe(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(StripeSettings.Section).Get<StripeSettings>() ?? new StripeSettings();
        settings.WebBaseUrl = builder.Configuration["Marketplace:WebBaseUrl"] ?? settings.WebBaseUrl;
        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            // No Stripe key: the local sandbox, whose hosted page stands in for Stripe.js.
            settings.ApiKey = "sk_test_local_sandbox";
            settings.ApiBase ??= StripeSettings.LocalSandbox;
            settings.HostedPaymentPageBase ??= settings.ApiBase;
        }

        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<PaymentsStripe>();
        builder.Services.AddExceptionHandler<StripeProblemHandler>();
        builder.Services.AddSingleton<IStripeClient>(_ => new StripeClient(
            apiKey: settings.ApiKey,
            apiBase: string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase,
            connectBase: string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase,
            filesBase: string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase));
        return builder;
    }
}
