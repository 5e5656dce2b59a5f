namespace Marketplace.StripeSandbox;

/// <summary>Builds the sandbox's web application (Program.cs runs it; tests start it on a free port).</summary>
public static class SandboxHost
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.Section))
            .Validate(options => options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal), "StripeSandbox:WebhookSecret must start with whsec_.")
            .Validate(options => options.WebhookUrls.All(url => Uri.TryCreate(url, UriKind.Absolute, out _)), "StripeSandbox:WebhookUrls must be absolute URLs.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SandboxStore>();
        builder.Services.AddHttpClient(Webhooks.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHostedService<Webhooks>();
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGet("/", () => Results.Text(
            "Marketplace's local Stripe sandbox (ADR 30): Stripe's API under /v1 for Stripe.net, hosted pages under /pay and /connect, test controls under /sandbox.",
            "text/plain"));
        app.MapGet("/health/ready", () => Results.Text("ready", "text/plain"));
        Accounts.Map(app);
        PaymentIntents.Map(app);
        PaymentIntents.MapPages(app);
        Transfers.Map(app);
        Refunds.Map(app);
        Listings.Map(app);
        TestControls.Map(app);
        // Whatever Stripe has that the sandbox does not: Stripe's own 404.
        app.MapFallback((HttpContext http) => Api.Json(new Reply(StatusCodes.Status404NotFound,
            new StripeError(StatusCodes.Status404NotFound, "invalid_request_error", null, $"Unrecognized request URL ({http.Request.Method}: {http.Request.Path}).").Body())));
        return app;
    }
}
