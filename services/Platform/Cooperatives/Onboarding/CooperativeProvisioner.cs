using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;

namespace Marketplace.Platform.Cooperatives.Onboarding;

/// <summary>
/// Creates a cooperative's database and registers it. Undo removes exactly what this attempt created
/// (database, registry row) and the slug's claim, so a failure leaves nothing half-created. A failed attempt answers
/// once its undo is done or after <see cref="AnswerWithin"/>, whichever comes first: dropping a database waits for a
/// checkpoint, minutes on a busy server, and the caller is told to try again in a moment rather than kept waiting.
/// </summary>
internal sealed partial class CooperativeProvisioner(
    MarketplaceSettings settings, TenantRegistry registry, IDocumentStore store, ILogger<CooperativeProvisioner> logger)
{
    public async Task<Provisioning> ProvisionAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var provisioning = new Provisioning(tenant);
        try
        {
            var database = TenantRegistry.DatabaseNameFor(tenant);
            await ExecuteOnServerAsync($"create database \"{database}\"", cancellationToken);
            provisioning.DatabaseCreated = true;

            await registry.RegisterAsync(tenant, settings.DatabaseConnectionString(database, settings.MaxPoolSizePerCooperative), cancellationToken);
            provisioning.Registered = true;
            return provisioning;
        }
        catch (Exception e)
        {
            LogProvisioningFailed(e, tenant.Value);
            var undo = UndoAsync(provisioning);
            await Task.WhenAny(undo, Task.Delay(AnswerWithin, CancellationToken.None)); // the undo goes on if it is slower
            throw new ProvisioningFailedException(tenant, e);
        }
    }

    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    private async Task ExecuteOnServerAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.DatabaseConnectionString("postgres", 2));
        await connection.OpenAsync(cancellationToken);
        // Creating and dropping a database wait for a checkpoint: seconds, tens of them on a busy server. A
        // timeout here would leave an undo half done, so these wait as long as they need.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Best effort and never cancelled: it runs because something already went wrong. A step that fails is
    /// logged, not thrown: the caller reports the original failure, and the abandoned-onboarding sweeper
    /// finishes the undo later.
    /// </summary>
    public async Task UndoAsync(Provisioning provisioning)
    {
        try
        {
            await UndoStepsAsync(provisioning);
        }
        catch (Exception e)
        {
            LogUndoFailed(e, provisioning.Tenant.Value);
        }
    }

    private async Task UndoStepsAsync(Provisioning provisioning)
    {
        if (provisioning.Registered)
        {
            await registry.RemoveAsync(provisioning.Tenant, CancellationToken.None);
        }

        if (provisioning.DatabaseCreated)
        {
            await ExecuteOnServerAsync(
                $"drop database if exists \"{TenantRegistry.DatabaseNameFor(provisioning.Tenant)}\" with (force)", CancellationToken.None);
        }

        await using var session = store.LightweightSession();
        session.Delete<Cooperative>(provisioning.Tenant.Value);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>What one onboarding attempt has created so far: exactly what its undo removes.</summary>
    internal sealed record Provisioning(TenantId Tenant)
    {
        public bool DatabaseCreated { get; set; }

        public bool Registered { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Undoing the provisioning of cooperative {Tenant} failed; the abandoned-onboarding sweeper will retry")]
    private partial void LogUndoFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning cooperative {Tenant} failed; undoing what it created")]
    private partial void LogProvisioningFailed(Exception exception, string tenant);
}

public sealed class ProvisioningFailedException(TenantId tenant, Exception inner)
    : Exception($"Provisioning cooperative '{tenant}' failed; nothing was kept.", inner);

/// <summary>
/// A failed provisioning is a 503 with Retry-After that says what the caller can rely on: nothing is kept,
/// the slug is free, and trying again is the right thing to do. Registered ahead of the shared handler, which
/// would otherwise classify the cause inside it.
/// </summary>
internal sealed class ProvisioningFailedHandler(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ProvisioningFailedException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "15";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cooperative could not be created.",
                Extensions = { ["code"] = "cooperative-not-created" },
                Detail = "Nothing is kept: what was created is being removed, and the slug is free again once it is; try again in a moment.",
            },
        });
    }
}
