using System.Net.Sockets;
using JasperFx.MultiTenancy;
using Npgsql;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>Why a request could not be served now, with the stable code clients translate and how soon to retry.</summary>
public sealed record Unavailability(string Code, string Title, int RetryAfterSeconds)
{
    public static readonly Unavailability Busy = new("service-busy", "The marketplace is busy; try again in a moment.", 2);

    public static readonly Unavailability NotReady = new("cooperative-not-ready", "This cooperative is still being set up; try again in a few seconds.", 2);

    public static readonly Unavailability Suspended = new("cooperative-unavailable", "This cooperative is unavailable right now.", 30);

    /// <summary>
    /// The faults that are the server's momentary state, not the request's: they answer 503 with
    /// Retry-After, never 500. Marten wraps PostgreSQL's errors (MartenCommandException), so the whole chain
    /// of inner exceptions is searched.
    /// </summary>
    public static Unavailability? Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Of).FirstOrDefault(u => u is not null);
            }

            var found = e switch
            {
                PostgresException pg => OfState(pg.SqlState),
                DisabledTenantException => Suspended,
                // Pool exhaustion (a TimeoutException inside), a refused or dropped connection.
                NpgsqlException { IsTransient: true } or TimeoutException or SocketException => Busy,
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static Unavailability? OfState(string sqlState) => sqlState switch
    {
        // The service has not applied its schema in a cooperative onboarded a moment ago,
        // or the cooperative's database is being created or removed.
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedFunction
            or PostgresErrorCodes.InvalidCatalogName => NotReady,
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.QueryCanceled
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.LockNotAvailable
            or PostgresErrorCodes.ConfigurationLimitExceeded or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.DiskFull
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.ObjectInUse => Busy,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => Busy, // connection exceptions
        _ => null,
    };
}
