using System.Runtime.InteropServices;

namespace HyperSearch.Client.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM (<c>kill</c>, <c>timeout</c>, <c>docker stop</c>, systemd) as one
/// request to stop, for the commands that must do something first (<c>run</c> pauses an embedded
/// sweep, <c>ui</c> stops serving). Elsewhere nothing handles them and they end the process the
/// default way: the console's hosts leave signals alone (<see cref="Cluster.CommandHostLifetime"/>).
/// Before this handler, <c>run</c> ended on SIGTERM with exit code 0, as if the sweep had finished,
/// without pausing it or saying how to resume it.
/// </summary>
internal static class StopSignals
{
    /// <summary>
    /// Calls <paramref name="onStop"/> once, on the first Ctrl-C or SIGTERM; a second Ctrl-C ends the
    /// process the default way. Dispose to stop listening.
    /// </summary>
    public static IDisposable Listen(Action onStop)
    {
        var requested = 0;
        bool First() => Interlocked.Exchange(ref requested, 1) == 0;
        ConsoleCancelEventHandler onCancelKey = (_, e) =>
        {
            if (First())
            {
                e.Cancel = true;
                onStop();
            }
        };
        Console.CancelKeyPress += onCancelKey;
        var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            if (First())
            {
                onStop();
            }
        });
        return new Listening(onCancelKey, terminate);
    }

    private sealed class Listening(ConsoleCancelEventHandler onCancelKey, PosixSignalRegistration terminate) : IDisposable
    {
        public void Dispose()
        {
            Console.CancelKeyPress -= onCancelKey;
            terminate.Dispose();
        }
    }
}
