using System.Reflection;
using MassTransit;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// A consumer's stable name, written once on the class: its queue is "{service}-{name}" and its de-duplication keys
/// start with it. Neither is derived from the class name, so renaming or moving the class orphans no queue and forgets
/// no processed message. Change it only with a migration of the queue and of the processed-message keys.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConsumerNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string Of(Type consumer) =>
        consumer.GetCustomAttribute<ConsumerNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{consumer.FullName} has no [ConsumerName]: its queue and de-duplication keys need a name that survives a rename.");
}

/// <summary>Names every consumer's queue "{service}-{its [ConsumerName]}"; everything else as kebab case.</summary>
internal sealed class StableEndpointNameFormatter(string service) : KebabCaseEndpointNameFormatter(service, includeNamespace: false)
{
    private readonly string _prefix = service + "-";

    public override string Consumer<T>() => _prefix + ConsumerNameAttribute.Of(typeof(T));
}
