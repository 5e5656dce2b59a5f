namespace Marketplace.Ordering.Orders;

/// <summary>
/// A cooperative's order settings (one document in its store): how long a customer has to pay once the stock is held,
/// and how long a shop has to answer its sub-order once the payment is authorised.
/// </summary>
public sealed record OrderingSettings(string Id, int PayWithinMinutes, int AnswerWithinMinutes, long Version)
{
    public const string DocumentId = "ordering-settings";
    public static readonly OrderingSettings Default = new(DocumentId, 30, 120, 0);

    public TimeSpan PayWithin => TimeSpan.FromMinutes(PayWithinMinutes);

    public TimeSpan AnswerWithin => TimeSpan.FromMinutes(AnswerWithinMinutes);

    /// <summary>Catalog holds the stock until the customer could have paid and every shop answered, with a margin for the messages.</summary>
    public TimeSpan HoldFor => PayWithin + AnswerWithin + TimeSpan.FromMinutes(10);

    public static async Task<OrderingSettings> ReadAsync(Marten.IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<OrderingSettings>(DocumentId, cancellationToken) ?? Default;
}
