namespace HyperSearch.Sweeps;

/// <summary>
/// The words for end and re-queue reasons, in one place so that the table, the run summary's
/// <c>endReason</c>, logs and trial messages spell them the same way. Words only go out: nothing
/// reads a reason back from its text.
/// </summary>
public static class ReasonNames
{
    public static string Of(SweepEndReason reason) => reason switch
    {
        SweepEndReason.TrialBudget => "trial budget reached",
        SweepEndReason.EpochBudget => "epoch budget reached",
        SweepEndReason.SearchExhausted => "search space exhausted",
        SweepEndReason.TimeLimit => "time limit reached",
        SweepEndReason.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string Of(RequeueReason reason) => reason switch
    {
        RequeueReason.LeaseExpired => "lease expired",
        RequeueReason.Interrupted => "interrupted",
        RequeueReason.Stopped => "stopped",
        RequeueReason.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The word for an end reason, or null while the sweep has none (it has not ended).</summary>
    public static string? Of(SweepEndReason? reason) => reason is { } value ? Of(value) : null;
}
