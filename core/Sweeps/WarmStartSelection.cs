using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// Which trials of earlier sweeps a warm start keeps: finished ones with a verdict (completed or
/// pruned with a figure for this sweep's objective metric, or diverged) whose configuration lies
/// inside this sweep's space (<see cref="SpaceMembership"/>). Sweeps that measured another metric
/// give nothing. Pure, so the sweep grain only fetches the snapshots.
/// </summary>
public static class WarmStartSelection
{
    public static List<WarmObservation> From(SweepSpec spec, IEnumerable<SweepSnapshot> earlier)
    {
        var kept = new List<WarmObservation>();
        foreach (var snapshot in earlier)
        {
            if (snapshot.Spec?.Objective.Metric != spec.Objective.Metric)
            {
                continue;
            }

            foreach (var trial in snapshot.Trials.OrderBy(t => t.Number))
            {
                if (Verdict(trial, spec.Objective) is not { } objective
                    || SpaceMembership.Normalize(spec.Space, trial.Parameters, out _) is not { } parameters)
                {
                    continue;
                }

                var curve = trial.Epochs.Select(e => Oriented(e.Get(spec.Objective.Metric), spec.Objective)).ToArray();
                kept.Add(new WarmObservation(snapshot.SweepId, trial.Number, parameters, objective, trial.Epochs.Length, curve));
            }
        }

        return kept;
    }

    private static double? Verdict(TrialRecord trial, ObjectiveSpec objective) => trial.Status switch
    {
        TrialStatus.Diverged => double.NegativeInfinity,
        TrialStatus.Completed or TrialStatus.Pruned when trial.ObjectiveValue(objective) is { } v && !double.IsNaN(v) => Oriented(v, objective),
        _ => null,
    };

    private static double Oriented(double? value, ObjectiveSpec objective) =>
        value is not { } v || double.IsNaN(v) ? double.NegativeInfinity : objective.Mode == ObjectiveMode.Max ? v : -v;
}
