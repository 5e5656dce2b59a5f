namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Recorded in the same transaction as a consumer's effect, so a redelivered message changes nothing.
/// Id = consumer name + message id: two consumers of one message each process it once.
/// </summary>
public sealed record ProcessedMessage(string Id, string MessageType, DateTimeOffset ProcessedAt);
