namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Decides when the sweep is over and why. Asked after every event that may end it (a finish, a
/// lease that found nothing, a tick), so the end is recorded in the turn that caused it.
/// </summary>
internal sealed class SweepCompletion(TrialTable table, SchedulerHooks hooks, RetrainQueue retrains, OfferSignal offers)
{
    /// <summary>Completes the sweep when no trial is open and a budget or the search says it is over; may start retraining first.</summary>
    public void Check(DateTime now)
    {
        var state = table.State;
        var spec = table.Spec;
        hooks.SettlePaused(now);
        if (state.Status != SweepStatus.Running || table.FirstOpen() < state.Trials.Count)
        {
            return;
        }

        SweepEndReason? reason = null;
        if (table.IsOverTime(now))
        {
            reason = SweepEndReason.TimeLimit;
        }
        else if (table.IsOverEpochBudget() && (state.Trials.Count < spec.Budget.Trials || state.Trials.Any(t => t.StopRequested == StopReason.EpochBudget)))
        {
            // Reached first when it cut the search short: trials never created, or trials stopped.
            reason = SweepEndReason.EpochBudget;
        }
        else if (state.Trials.Count >= spec.Budget.Trials)
        {
            reason = SweepEndReason.TrialBudget;
        }
        else if (state.SearchExhausted)
        {
            reason = SweepEndReason.SearchExhausted;
        }

        if (reason is not null && spec.Ensemble is { Retrain: true } ensemble)
        {
            if (!retrains.Started)
            {
                // The search is over: its best trials train again on training + validation data
                // before the sweep completes (README, "Retrained members"). Its end reason is the
                // search's, kept now: retraining may outlast the time limit without hitting it.
                state.EndReason = reason;
                retrains.Start(RetrainQueue.Plan(state.Trials, spec.Objective, ensemble.TopK));
                offers.TrialsReturned();
            }

            if (!retrains.AllFinished)
            {
                return;
            }
        }

        if (reason is not null)
        {
            state.Revision++;
            state.Status = SweepStatus.Completed;
            state.EndReason ??= reason;
            state.FinishedUtc = now;
        }
    }
}
