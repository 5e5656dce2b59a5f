namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>
/// What a decider returns: the events to append (none: nothing changes, so repeating a request is harmless), or
/// a refusal named by its stable code. A refusal may still carry events worth recording (a rejected hold, the
/// holds that expired on the way); nothing else is changed by it.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, string? Refusal = null)
{
    public static Decision Unchanged { get; } = new([]);

    public bool IsRefused => Refusal is not null;

    public static Decision To(params object[] events) => new(events);

    public static Decision Refuse(string code, IReadOnlyList<object>? recorded = null) => new(recorded ?? [], code);
}
