using Npgsql;

namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>What a failed save says, whatever wraps the database's own exception (Marten, Npgsql batches).</summary>
public static class StoreFailures
{
    /// <summary>A unique index refused the row: of two concurrent writes of the same key, the other one won.</summary>
    public static bool IsUniqueViolation(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }
}
