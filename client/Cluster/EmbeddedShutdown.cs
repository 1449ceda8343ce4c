using HyperSearch.Silo.Training;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// The end of an embedded silo: the console exits only after its training threads have. A stopping
/// silo gives its aborted trials a few seconds (<see cref="TrainerHost"/>) and then goes on; a
/// process that exited under a thread still in a trial could crash in the native code that thread
/// ran, and a command trial's process group lost the rest of its grace period.
/// </summary>
internal static class EmbeddedShutdown
{
    /// <summary>Waits (after the silo's host stopped) until no slot's thread runs; says so on stderr when it has to wait.</summary>
    public static void WaitForTrainingThreads(IServiceProvider services)
    {
        if (services.GetService<TrainerHost>() is not { } host)
        {
            return;
        }

        var running = host.SlotsStillRunning();
        if (running > 0)
        {
            Console.Error.WriteLine($"waiting for {running} training thread(s) to end their trial before exiting (Ctrl-C quits at once)");
            host.WaitSlotsEnded();
        }
    }
}
