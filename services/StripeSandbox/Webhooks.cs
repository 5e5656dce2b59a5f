using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.StripeSandbox;

/// <summary>
/// Delivers every event to the configured endpoints, signed as Stripe signs (<c>Stripe-Signature: t=…,v1=…</c>, HMAC-SHA256
/// of "{t}.{body}" with the endpoint's secret), so that Stripe.net's <c>EventUtility.ConstructEvent</c> verifies it.
/// An endpoint that fails (not 2xx, or unreachable) is tried again after 1, 2, 4… s (at most a minute apart) until
/// <see cref="SandboxOptions.WebhookAttempts"/>; the event stays in <c>GET /v1/events</c> for catch-up either way.
/// </summary>
internal sealed partial class Webhooks(SandboxStore store, IHttpClientFactory clients, IOptions<SandboxOptions> options, ILogger<Webhooks> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    private readonly SemaphoreSlim _wake = new(0);

    public static string Signature(string secret, long timestamp, string body)
    {
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(signed)}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.EventRecorded += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var due = store.Read(state => state.WebhooksHeld ? [] : state.Deliveries.Where(delivery => delivery.Due <= store.Clock.GetUtcNow()).ToList());
                await Task.WhenAll(due.Select(delivery => DeliverAsync(delivery, stoppingToken)));
                // Woken by a new event, or every quarter second for the retries that come due.
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.EventRecorded -= Wake;
        }
    }

    /// <summary>Delivers now what is due (the test control that releases held events calls it).</summary>
    public void Wake() => _wake.Release();

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellation)
    {
        var body = store.Read(state => state.Objects.GetValueOrDefault(delivery.EventId)?.ToJsonString());
        var delivered = body is null;
        if (body is not null)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", Signature(options.Value.WebhookSecret, store.Now, body));
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellation);
                delivered = response.IsSuccessStatusCode;
                if (!delivered)
                {
                    LogRefused(delivery.EventId, delivery.Url, (int)response.StatusCode);
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                LogUnreachable(delivery.EventId, delivery.Url, error.Message);
            }
        }

        store.Write(state =>
        {
            var index = state.Deliveries.IndexOf(delivery);
            if (index < 0)
            {
                return false;
            }

            state.Deliveries.RemoveAt(index);
            var attempts = delivery.Attempts + 1;
            if (!delivered && attempts < options.Value.WebhookAttempts)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts - 1)));
                state.Deliveries.Add(delivery with { Attempts = attempts, Due = store.Clock.GetUtcNow() + delay });
            }

            return true;
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to {Url} answered {Status}; it will be tried again")]
    private partial void LogRefused(string eventId, string url, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to {Url} could not be delivered ({Reason}); it will be tried again")]
    private partial void LogUnreachable(string eventId, string url, string reason);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
