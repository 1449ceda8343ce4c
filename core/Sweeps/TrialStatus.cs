namespace HyperSearch.Sweeps;

/// <summary>
/// pending -> running -> completed | pruned | diverged | failed | cancelled.
/// A lease expiry moves running back to pending (attempt + 1). Under ASHA's pause mode a trial
/// that reaches a rung without being promotable yet goes running -> paused, and back to running
/// (from its checkpoint) when it is promoted; one never promoted ends pruned.
/// </summary>
public enum TrialStatus
{
    Pending,
    Running,
    Completed,
    Pruned,
    Diverged,
    Failed,
    Cancelled,

    /// <summary>Stopped at a rung, its checkpoint kept, waiting to be promoted (scheduler mode pause).</summary>
    Paused,
}

public static class TrialStatusExtensions
{
    public static bool IsFinished(this TrialStatus status) => status is not (TrialStatus.Pending or TrialStatus.Running or TrialStatus.Paused);
}
