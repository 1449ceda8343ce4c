using System.Collections.Concurrent;

namespace HyperSearch.Silo.Training;

/// <summary>
/// The trial each trainer slot of this silo is training, held by the silo rather than by the slot's
/// grain activation. Orleans deactivates an activation whose directory entry lived on a silo that
/// died; the slot's next activation takes the run over (heartbeats and all) instead of the trial
/// being aborted and run again (the cluster fault tests caught a trial run three times).
/// </summary>
public sealed class SlotRuns
{
    private readonly ConcurrentDictionary<string, TrainingRun> _runs = new(StringComparer.Ordinal);

    /// <summary>The silo is stopping: its slots' activations go for good, and take their runs with them.</summary>
    public bool Stopping { get; set; }

    public void Set(string slotId, TrainingRun run) => _runs[slotId] = run;

    /// <summary>The slot's run if it still trains, else null.</summary>
    public TrainingRun? Current(string slotId) => _runs.TryGetValue(slotId, out var run) && !run.IsDone ? run : null;
}
