using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// Adds trials to a sweep's budget in its stored state, so that a book built from it (as after a
/// restart: searcher and scheduler replayed from the recorded trials) goes on proposing from where
/// the sweep stood. Nothing recorded changes: finished trials stay finished, running ones run on.
/// A completed sweep runs again; a paused one stays paused until resumed.
/// </summary>
public static class SweepExtension
{
    /// <returns>Null when the state was changed; otherwise why not (and nothing changed).</returns>
    public static ExtendRefusal? Apply(SweepState state, ExtendRequest request, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Trials, 1);
        if (state.Spec is not { } spec || state.Status == SweepStatus.Created)
        {
            return ExtendRefusal.NotStarted;
        }

        if (state.Status == SweepStatus.Cancelled)
        {
            return ExtendRefusal.Cancelled;
        }

        if (state.Retrains is not null)
        {
            return ExtendRefusal.Retrained;
        }

        var budget = spec.Budget;
        if ((long)budget.Trials + request.Trials > SpecLimits.Trials)
        {
            return ExtendRefusal.TooManyTrials;
        }

        var timeLimit = request.TimeLimit is { } more ? (now - state.CreatedUtc) + more : budget.TimeLimit;
        if (timeLimit is { } limit && now - state.CreatedUtc >= limit)
        {
            return ExtendRefusal.TimeLimitSpent;
        }

        state.Spec = spec with
        {
            Budget = budget with
            {
                Trials = budget.Trials + request.Trials,
                Parallelism = request.Parallelism ?? budget.Parallelism,
                TimeLimit = timeLimit,

                // The total keeps room for every added trial to train all its epochs.
                Epochs = budget.Epochs is { } epochs ? (int)Math.Min(int.MaxValue, epochs + ((long)request.Trials * budget.MaxEpochs)) : null,
            },
        };
        if (state.Status == SweepStatus.Completed)
        {
            state.Status = SweepStatus.Running;
            state.EndReason = null;
            state.FinishedUtc = null;
        }

        state.SearchExhausted = false;
        state.Revision++;
        return null;
    }
}
