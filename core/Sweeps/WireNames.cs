namespace HyperSearch.Sweeps;

/// <summary>
/// The words statuses and outcomes go out as: run summaries, the table, logs, metric tags, trace
/// attributes and the explorer's pages. Spelled out member by member rather than taken from the
/// enum's name, so renaming a member cannot change what scripts and dashboards read.
/// </summary>
public static class WireNames
{
    public static string ToWireName(this SweepStatus status) => status switch
    {
        SweepStatus.Created => "created",
        SweepStatus.Running => "running",
        SweepStatus.Paused => "paused",
        SweepStatus.Completed => "completed",
        SweepStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWireName(this TrialStatus status) => status switch
    {
        TrialStatus.Pending => "pending",
        TrialStatus.Running => "running",
        TrialStatus.Completed => "completed",
        TrialStatus.Pruned => "pruned",
        TrialStatus.Diverged => "diverged",
        TrialStatus.Failed => "failed",
        TrialStatus.Cancelled => "cancelled",
        TrialStatus.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWireName(this TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Completed => "completed",
        TrialOutcome.Stopped => "stopped",
        TrialOutcome.Diverged => "diverged",
        TrialOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
