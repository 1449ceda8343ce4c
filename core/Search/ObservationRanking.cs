namespace HyperSearch.Search;

/// <summary>
/// Orders observations best first, as Optuna ranks pruned trials: diverged trials last, then the
/// trials that trained more epochs (an early-stopped trial lost to the ones that went on, and its
/// figure from fewer epochs is not comparable), then the higher objective; ties by trial number,
/// so the order never depends on the order observations arrived in.
/// </summary>
public static class ObservationRanking
{
    /// <summary>The observations that carry a verdict (a non-null objective), best first.</summary>
    public static List<TrialObservation> BestFirst(IEnumerable<TrialObservation> observations) =>
        observations
            .Where(o => o.Objective is not null)
            .OrderBy(o => double.IsNegativeInfinity(o.Objective!.Value) || double.IsNaN(o.Objective!.Value) ? 1 : 0)
            .ThenByDescending(o => o.Epochs)
            .ThenByDescending(o => double.IsNaN(o.Objective!.Value) ? double.NegativeInfinity : o.Objective!.Value)
            .ThenBy(o => o.TrialNumber)
            .ToList();
}
