using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>A sweep as its watchers see it at one moment.</summary>
/// <param name="EndReason">Why the sweep ended; null while it has not (<see cref="ReasonNames"/> has the words).</param>
/// <param name="Rounds">Coarse-to-fine's rounds and their ranges; null for searchers without rounds.</param>
/// <param name="StoreProblem">
/// Why the sweep's state cannot be written now (a full or read-only disk, a store that is down):
/// no new trial starts until a write succeeds; results so far are kept in memory meanwhile. Null
/// while writes succeed.
/// </param>
/// <param name="Retrains">The ensemble's retraining jobs (<c>ensemble.retrain</c>); null when none were made.</param>
/// <remarks>Field 3 (the end reason as text) is retired for field 10.</remarks>
[GenerateSerializer, Immutable, Alias("HyperSearch.SweepSnapshot")]
public sealed record class SweepSnapshot(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepSpec? Spec,
    [property: Id(2)] SweepStatus Status,
    [property: Id(10)] SweepEndReason? EndReason,
    [property: Id(4)] DateTime CreatedUtc,
    [property: Id(5)] DateTime? FinishedUtc,
    [property: Id(6)] int EpochsTrained,
    [property: Id(7)] int LeaseExpiries,
    [property: Id(8)] TrialRecord[] Trials,
    [property: Id(9)] SearchRound[]? Rounds = null,
    [property: Id(11)] string? StoreProblem = null,
    [property: Id(12)] RetrainJob[]? Retrains = null)
{
    public string Name => Spec?.Name ?? SweepId;

    public bool IsFinished => Status is SweepStatus.Completed or SweepStatus.Cancelled
        && Trials.All(t => t.Status.IsFinished()) && (Retrains ?? []).All(r => r.Status.IsFinished());

    public int Count(TrialStatus status) => Trials.Count(t => t.Status == status);

    /// <summary>
    /// The best trial by the objective: completed trials first (a pruned trial trained fewer
    /// epochs, so its figure is not comparable), then pruned ones if nothing completed.
    /// </summary>
    public TrialRecord? Best()
    {
        if (Spec is null)
        {
            return null;
        }

        var ranked = Ranked();
        return ranked.FirstOrDefault(t => t.Status == TrialStatus.Completed)
            ?? ranked.FirstOrDefault(t => t.Status == TrialStatus.Pruned);
    }

    /// <summary>Every trial, best first by the objective; trials without a figure, then diverged and failed ones, come last.</summary>
    public IReadOnlyList<TrialRecord> Ranked()
    {
        if (Spec is null)
        {
            return [];
        }

        var objective = Spec.Objective;
        return Trials
            .OrderBy(t => t.Status is TrialStatus.Diverged or TrialStatus.Failed ? 1 : 0)
            .ThenBy(t => t.RankKey(objective))
            .ThenBy(t => t.Number)
            .ToList();
    }
}
