using HyperSearch.Spec;

namespace HyperSearch.Sweeps.Book;

/// <summary>
/// The sweep's state as the book's parts read it: the trial table, the spec's budgets and the
/// window of open trials. The parts share one table so that every rule about "open", "over
/// budget" or "the objective" is spelled out once.
/// </summary>
internal sealed class TrialTable(SweepState state)
{
    /// <summary>Trials below this index are all finished (a terminal status): scans of open trials start here.</summary>
    private int _firstOpen;

    public SweepState State => state;

    public List<TrialRecord> Trials => state.Trials;

    public SweepSpec Spec => state.Spec!;

    public CheckpointSpec Checkpoints => Spec.Checkpoints ?? CheckpointSpec.Default;

    /// <summary>Whether the search may still add a trial: it is not exhausted and the trial budget has room.</summary>
    public bool MayCreateTrials => !state.SearchExhausted && state.Trials.Count < Spec.Budget.Trials;

    /// <summary>
    /// The index of the first trial not finished (the count when all are). Finished is final, so
    /// it only moves forward, and the scans of open trials on every lease and tick cost the width
    /// of the open window, not the length of the table (20,000 trials made them a hot path).
    /// </summary>
    public int FirstOpen()
    {
        if (_firstOpen > state.Trials.Count)
        {
            _firstOpen = 0;
        }

        while (_firstOpen < state.Trials.Count && state.Trials[_firstOpen].Status.IsFinished())
        {
            _firstOpen++;
        }

        return _firstOpen;
    }

    public int CountOpen(Func<TrialRecord, bool> predicate)
    {
        var count = 0;
        for (var i = FirstOpen(); i < state.Trials.Count; i++)
        {
            count += predicate(state.Trials[i]) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The first pending trial's index, or -1.</summary>
    public int FindPending() => state.Trials.FindIndex(FirstOpen(), t => t.Status == TrialStatus.Pending);

    /// <summary>The index of the trial <paramref name="key"/> names when that attempt is the one running now; -1 otherwise.</summary>
    public int FindCurrent(TrialKey key)
    {
        if (key.SweepId != state.SweepId || key.TrialNumber < 0 || key.TrialNumber >= state.Trials.Count)
        {
            return -1;
        }

        var trial = state.Trials[key.TrialNumber];
        return trial.Status == TrialStatus.Running && trial.Attempt == key.Attempt ? key.TrialNumber : -1;
    }

    /// <summary>Whether an epoch comes before the last the budget allows: only such an epoch can be cut short.</summary>
    public bool BeforeLastEpoch(int epoch) => epoch < Spec.Budget.MaxEpochs;

    public bool IsOverTime(DateTime now) => Spec.Budget.TimeLimit is { } limit && now - state.CreatedUtc >= limit;

    public bool IsOverEpochBudget() => Spec.Budget.Epochs is { } epochs && state.EpochsTrained >= epochs;

    /// <summary>An epoch's objective oriented so that larger is better, NaN the worst.</summary>
    public double Score(EpochMetrics metrics)
    {
        double value = metrics.Get(Spec.Objective.Metric) ?? double.NaN;
        return double.IsNaN(value) ? double.NegativeInfinity : Spec.Objective.Mode == ObjectiveMode.Max ? value : -value;
    }

    /// <summary>A trial's training seed: fixed by the sweep seed and the trial number, so a re-run repeats it.</summary>
    public int TrialSeed(int trialNumber) => unchecked((Spec.Search.Seed * 1_000_003) + trialNumber);
}
