namespace HyperSearch.Sweeps;

/// <summary>
/// pending -> running -> completed | pruned | diverged | failed | cancelled.
/// A lease expiry moves running back to pending (attempt + 1).
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
}

public static class TrialStatusExtensions
{
    public static bool IsFinished(this TrialStatus status) => status is not (TrialStatus.Pending or TrialStatus.Running);

    public static string ToWireName(this TrialStatus status) => status.ToString().ToLowerInvariant();
}
