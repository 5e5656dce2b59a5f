namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// A message that came before what it depends on (its order not placed here yet, a payment not authorised yet: messages
/// of different queues are not ordered). Thrown by a consumer, it is retried twice at once, then waits in its endpoint's
/// waiting queue without holding a consumer slot, and comes back every few seconds for a bounded time
/// (<see cref="WaitingRoom"/>, ADR 7) before it goes to the endpoint's _error queue.
/// </summary>
public class NotReadyYetException(string message, Exception? cause = null) : Exception(message, cause);
