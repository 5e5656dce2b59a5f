namespace Marketplace.StripeSandbox;

/// <summary>The sandbox's settings (section <c>StripeSandbox</c>).</summary>
public sealed class SandboxOptions
{
    public const string Section = "StripeSandbox";

    /// <summary>Where every event is POSTed, signed with <see cref="WebhookSecret"/> (Payments' webhook endpoint).</summary>
    public List<string> WebhookUrls { get; set; } = [];

    /// <summary>The endpoints' signing secret, <c>whsec_…</c>, as Stripe shows it for a webhook endpoint.</summary>
    public string WebhookSecret { get; set; } = "whsec_local_sandbox_only";

    /// <summary>A JSON file the state is kept in, so that a restart keeps accounts, payments and events; none: in memory only.</summary>
    public string? StateFile { get; set; }

    /// <summary>The address browsers reach the sandbox at (hosted pages' links); none: the address the request came to.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The API version of events when the request that caused them named none (Stripe.net 53 sends its own).</summary>
    public string ApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>How many times a webhook is tried before it is left to <c>GET /v1/events</c> (catch-up polling).</summary>
    public int WebhookAttempts { get; set; } = 8;
}
