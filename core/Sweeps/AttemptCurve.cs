namespace HyperSearch.Sweeps;

/// <summary>
/// How a lost attempt's curve and resumable checkpoints carry over to the next attempt, for trials
/// (<see cref="SweepBook"/>) and retraining jobs (<see cref="RetrainQueue"/>) alike: the next attempt
/// keeps the epochs its newest checkpoint covers, and its first report says where it really started.
/// </summary>
internal static class AttemptCurve
{
    /// <summary>The two newest points, newest last: the second is the fallback when the newest reads back corrupt.</summary>
    public static ResumePoint[] KeepNewest(ResumePoint[]? points, ResumePoint saved) =>
        points is { Length: > 0 } ? [points[^1], saved] : [saved];

    /// <summary>The epochs the next attempt keeps: those the newest of <paramref name="points"/> covers; none without one.</summary>
    public static EpochMetrics[] Carried(EpochMetrics[] curve, ResumePoint[]? points) =>
        points is { Length: > 0 } ? curve.Where(e => e.Epoch <= points[^1].Epoch).ToArray() : [];

    /// <summary>The epochs before the attempt's first report (the rest it trains again).</summary>
    public static EpochMetrics[] Before(EpochMetrics[] curve, int firstEpoch) =>
        curve.Any(e => e.Epoch >= firstEpoch) ? curve.Where(e => e.Epoch < firstEpoch).ToArray() : curve;

    /// <summary>
    /// The checkpoints older than the attempt's first epoch. Those it did not continue from
    /// (unreadable, or a trainer that cannot resume) are not offered again: the next curve would have a gap.
    /// </summary>
    public static ResumePoint[]? PointsBefore(ResumePoint[]? points, int firstEpoch) =>
        points?.Where(p => p.Epoch < firstEpoch).ToArray() is { Length: > 0 } kept ? kept : null;

    /// <summary><paramref name="resumedFrom"/>, plus the epoch this attempt continued from when a later attempt starts past epoch 1.</summary>
    public static int[]? ResumedFrom(int[]? resumedFrom, int attempt, int firstEpoch) =>
        attempt > 1 && firstEpoch > 1 ? [.. resumedFrom ?? [], firstEpoch - 1] : resumedFrom;
}
