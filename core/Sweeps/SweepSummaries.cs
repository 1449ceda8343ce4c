using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// Builds a <see cref="SweepSummary"/> in one pass over the trial table, without sorting or copying
/// it: watchers ask for one every few seconds, and a sweep may hold tens of thousands of trials.
/// </summary>
public static class SweepSummaries
{
    public static SweepSummary Of(SweepState state, int firstOpen, string? storeProblem = null)
    {
        var counts = new int[Enum.GetValues<TrialStatus>().Length];
        foreach (var trial in state.Trials)
        {
            counts[(int)trial.Status]++;
        }

        var spec = state.Spec;
        var best = spec is null ? null : Best(state.Trials, spec.Objective);
        return new SweepSummary(
            state.SweepId, spec?.Name ?? state.SweepId, state.Status, state.EndReason, state.Revision,
            spec?.Budget.Trials ?? 0, state.Trials.Count, counts, state.EpochsTrained,
            spec?.Budget.Epochs, spec?.Budget.TimeLimit, state.CreatedUtc, state.FinishedUtc,
            spec?.Objective.Metric, spec?.Objective.Mode == ObjectiveMode.Max,
            best?.Number, best is null || spec is null ? null : best.ObjectiveValue(spec.Objective),
            firstOpen, storeProblem, RetrainCounts(state.Retrains), spec?.Parent);
    }

    private static int[]? RetrainCounts(List<RetrainJob>? jobs)
    {
        if (jobs is null)
        {
            return null;
        }

        var counts = new int[Enum.GetValues<TrialStatus>().Length];
        foreach (var job in jobs)
        {
            counts[(int)job.Status]++;
        }

        return counts;
    }

    /// <summary>The same trial as <see cref="SweepSnapshot.Best"/>: the best completed one, else the best pruned one.</summary>
    public static TrialRecord? Best(IReadOnlyList<TrialRecord> trials, ObjectiveSpec objective) =>
        Best(trials, objective, TrialStatus.Completed) ?? Best(trials, objective, TrialStatus.Pruned);

    private static TrialRecord? Best(IReadOnlyList<TrialRecord> trials, ObjectiveSpec objective, TrialStatus status)
    {
        TrialRecord? best = null;
        var bestKey = double.PositiveInfinity;
        foreach (var trial in trials)
        {
            if (trial.Status != status)
            {
                continue;
            }

            // As SweepSnapshot.Ranked: no figure (or NaN) ranks last; ties go to the lower number, seen first.
            var key = trial.RankKey(objective);
            if (best is null || key < bestKey)
            {
                best = trial;
                bestKey = key;
            }
        }

        return best;
    }
}
