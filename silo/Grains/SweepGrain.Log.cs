using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Grains;

/// <summary>The sweep grain's log messages.</summary>
public sealed partial class SweepGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: its state cannot be written ({Problem}); no new trials until a write succeeds")]
    private partial void LogStoreFailing(string sweepId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: its state is written again; trials resume")]
    private partial void LogStoreRecovered(string sweepId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} ({Name}) started: {Trials} trials")]
    private partial void LogStarted(string sweepId, string name, int trials);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} warm-started from {Trials} trials of {Sweeps} earlier sweep(s)")]
    private partial void LogWarmStarted(string sweepId, int trials, int sweeps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} extended by {Added} trials to {Trials}")]
    private partial void LogExtended(string sweepId, int added, int trials);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased {Trial} to {Slot}")]
    private partial void LogLeased(string trial, string slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial} finished: {Outcome} {Message}")]
    private partial void LogFinished(string trial, string outcome, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a finish from {Trial}: that attempt is no longer current")]
    private partial void LogStaleFinish(string trial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: another activation wrote its state; this stale one deactivates")]
    private partial void LogSuperseded(string sweepId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: storing epoch reports failed: {Error}")]
    private partial void LogBackgroundWriteFailed(string sweepId, string error);

    // Information: every call about the sweep fails with the full message, which its caller
    // shows (the console as its one error line); a louder log would only repeat it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: stored state cannot be read, calls about it are refused: {Error}")]
    private partial void LogUnreadable(string sweepId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} is {Status} {Reason}")]
    private partial void LogStopped(string sweepId, string status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: deleted {Count} resumable checkpoints ({MiB:F1} MiB); the trials' final checkpoints stay")]
    private partial void LogResumeCheckpointsDeleted(string sweepId, int count, double miB);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: its resumable checkpoints could not all be deleted: {Error}")]
    private partial void LogResumeCheckpointsKept(string sweepId, string error);
}
