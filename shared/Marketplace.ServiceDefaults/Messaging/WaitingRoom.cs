using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Where a message that is not ready yet (<see cref="NotReadyYetException"/>) waits without holding one of its endpoint's
/// prefetched slots (ADR 7). After the retry policy's first <see cref="InMemoryRetries"/> retries (100 and 500 ms) of its
/// first delivery, or at once on a later round, a copy of the message (body and headers, its MessageId kept: consumers
/// are idempotent) is published with confirms to "{queue}_waiting", a quorum queue
/// whose messages expire after <see cref="Pause"/> and are dead-lettered (at least once) straight back to the endpoint's
/// queue; then the delivery is acknowledged. A crash in between delivers it twice, which changes state once. After
/// <see cref="MaxRounds"/> rounds the exception goes on to the retry policy and the _error queue, re-drivable by hand.
/// </summary>
public sealed partial class WaitingRoom(ILogger<WaitingRoom> logger) : IFilter<ConsumeContext>
{
    public const int InMemoryRetries = 2;
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    public const int MaxRounds = 150; // 5 minutes of pauses
    public const string RoundsHeader = "Marketplace-Waiting-Rounds";

    private readonly ConcurrentDictionary<string, bool> _declared = new();

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        try
        {
            await next.Send(context);
        }
        // Its first delivery is retried twice in memory (most waits are that short); once it has waited, it waits again at once.
        catch (NotReadyYetException exception) when (RoundsOf(context) is var waited && (context.GetRetryAttempt() >= InMemoryRetries || waited > 0) && waited < MaxRounds
            && context.ReceiveContext.TryGetPayload(out ChannelContext? channel)
            && context.ReceiveContext.TryGetPayload(out RabbitMqBasicConsumeContext? delivery))
        {
            var queue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
            var rounds = waited + 1;
            await ParkAsync(channel, delivery, queue, context.ReceiveContext.GetBody(), rounds, context.CancellationToken);
            LogParked(logger, context.MessageId, queue, rounds, exception.Message);
        }
    }

    private async Task ParkAsync(ChannelContext channel, RabbitMqBasicConsumeContext delivery, string queue, byte[] body, int rounds, CancellationToken cancellationToken)
    {
        var waiting = $"{queue}_waiting";
        if (!_declared.ContainsKey(waiting))
        {
            await channel.QueueDeclare(waiting, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-message-ttl"] = (long)Pause.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
                ["x-dead-letter-strategy"] = "at-least-once",
                ["x-overflow"] = "reject-publish",
            }, cancellationToken);
            _declared[waiting] = true;
        }

        var properties = new BasicProperties(delivery.Properties)
        {
            // What the broker added on earlier rounds (x-death…) is its own; the rounds are counted here.
            Headers = (delivery.Properties.Headers ?? new Dictionary<string, object?>())
                .Where(h => !h.Key.StartsWith("x-", StringComparison.Ordinal))
                .ToDictionary(h => h.Key, h => h.Value),
        };
        properties.Headers[RoundsHeader] = rounds;
        await channel.BasicPublishAsync("", waiting, mandatory: true, properties, body, awaitAck: true, cancellationToken);
    }

    private static int RoundsOf(ConsumeContext context) => context.Headers.Get<int>(RoundsHeader) ?? 0;

    public void Probe(ProbeContext context) => context.CreateFilterScope("waitingRoom");

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} is not ready for {Queue} yet ({Reason}): waits, round {Rounds}")]
    private static partial void LogParked(ILogger logger, Guid? messageId, string queue, int rounds, string reason);
}
