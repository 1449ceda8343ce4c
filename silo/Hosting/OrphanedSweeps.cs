using HyperSearch.Contracts;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Sweeps the registry lists as running when an embedded silo starts lost the process that ran
/// them (only one process uses a local state directory at a time): they are paused, and
/// <c>hypersearch resume</c> continues them when asked, instead of this process taking them up.
/// </summary>
public static partial class OrphanedSweeps
{
    public static async Task PauseAsync(ISweepRegistryGrain registry, IGrainFactory grainFactory, ILogger logger)
    {
        foreach (var sweepId in await registry.GetActive())
        {
            try
            {
                await grainFactory.GetGrain<ISweepGrain>(sweepId).Pause();
                LogPausedOrphan(logger, sweepId);
            }
            catch (StateCorruptException e)
            {
                // One unreadable sweep must not stop this silo, nor the commands about other
                // sweeps; the sweep itself refuses every call with the same message.
                LogUnreadableOrphan(logger, sweepId, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} was left running by an earlier process: paused (hypersearch resume continues it)")]
    private static partial void LogPausedOrphan(ILogger logger, string sweepId);

    // Information: a `resume` or `status` of that sweep shows the same message as its one error line.
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} was left running by an earlier process but its state cannot be read: {Error}")]
    private static partial void LogUnreadableOrphan(ILogger logger, string sweepId, string error);
}
