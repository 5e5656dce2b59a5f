using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// First in every endpoint's error pipe: while the service stops, a delivery that fails goes back to its queue for the
/// next replica instead of to _error. The failure is the stop's, not the message's: its consumer was cancelled by the
/// stop, its database sessions were dropped under it, or the host's container was disposed before a message already
/// prefetched was dispatched. Rethrown here, the transport nacks it with requeue, or leaves it unacknowledged until its
/// channel closes, which returns it to the queue the same way.
/// </summary>
internal sealed class HandBackWhileStopping(IHostApplicationLifetime lifetime, TimeProvider clock) : IFilter<ExceptionReceiveContext>
{
    /// <summary>
    /// A delivery that failed because the container is gone is handed back after this pause: the transport that took it may be
    /// the stopped host's, and the broker would otherwise hand it straight back to it.
    /// </summary>
    private static readonly TimeSpan DisposedPause = TimeSpan.FromSeconds(1);

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var disposed = context.Exception.GetBaseException() is ObjectDisposedException;
        if (disposed || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            if (disposed)
            {
                await Task.Delay(DisposedPause, clock, CancellationToken.None);
            }

            ExceptionDispatchInfo.Throw(context.Exception);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("hand-back-while-stopping");
}
