using Marketplace.StripeSandbox;

// A local stand-in for the part of Stripe's API the marketplace uses (ADR 30): Payments talks to it through
// Stripe.net when no Stripe keys are configured.
var app = SandboxHost.Build(args);
app.Run();
