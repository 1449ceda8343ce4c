namespace HyperSearch.Sweeps.Book;

/// <summary>
/// How an attempt ended, as its trainer reports it: the status it earns (completed, diverged,
/// pruned, paused, cancelled, failed, or back to the queue for a retry) and what is recorded.
/// </summary>
internal sealed class TrialFinishes(
    TrialTable table,
    TrialLifecycle lifecycle,
    SweepCompletion completion,
    RetrainQueue retrains,
    OfferSignal offers)
{
    /// <summary>
    /// Records how an attempt ended. Returns false (and changes nothing) for an attempt that is no
    /// longer current: its lease expired and the trial was re-queued, or it already finished.
    /// </summary>
    public bool Finish(TrialKey key, TrialFinish finish, DateTime now)
    {
        if (key.Retrain)
        {
            var recorded = retrains.Finish(key, finish, now);
            if (recorded)
            {
                offers.TrialsReturned();
            }

            completion.Check(now);
            return recorded;
        }

        var index = table.FindCurrent(key);
        if (index < 0)
        {
            return false;
        }

        var state = table.State;
        var trial = state.Trials[index];
        var status = StatusOf(trial, finish);
        state.Revision++;
        offers.TrialsReturned();
        if (status == TrialStatus.Paused)
        {
            state.Trials[index] = lifecycle.Pause(trial, finish.CheckpointPath ?? trial.CheckpointPath, finish.Test ?? trial.Test);
            completion.Check(now);
            return true;
        }

        if (status == TrialStatus.Pending)
        {
            var why = finish.Outcome == TrialOutcome.Stopped ? RequeueReason.Stopped : RequeueReason.Failed;
            state.Trials[index] = lifecycle.Requeue(trial, now, why, finish.Message ?? ReasonNames.Of(why));
            return true;
        }

        trial = trial with
        {
            Status = status,
            Test = finish.Test,
            InitialLoss = finish.InitialLoss,
            Message = finish.Message,
            Events = finish.Events,
            CheckpointPath = finish.CheckpointPath,
            EndedUtc = now,
            FinishOrder = ++state.FinishedCount,
        };
        state.Trials[index] = trial;
        lifecycle.Ended(trial);
        completion.Check(now);
        return true;
    }

    /// <summary>The status an attempt's end earns; Pending sends it back to the queue.</summary>
    private TrialStatus StatusOf(TrialRecord trial, TrialFinish finish) => finish.Outcome switch
    {
        TrialOutcome.Completed => TrialStatus.Completed,
        TrialOutcome.Diverged => TrialStatus.Diverged,

        // Told to stop (budget, time) as it reported its last epoch: it trained in full.
        TrialOutcome.Stopped when trial.Epochs.Length >= table.Spec.Budget.MaxEpochs => TrialStatus.Completed,
        TrialOutcome.Stopped => trial.StopRequested switch
        {
            StopReason.Pruned => TrialStatus.Pruned,
            StopReason.Paused => TrialStatus.Paused,
            StopReason.Cancelled or StopReason.TimeLimit or StopReason.EpochBudget => TrialStatus.Cancelled,

            // The trainer stopped on its own (its silo is shutting down): run it again elsewhere.
            _ => TrialStatus.Pending,
        },
        _ => finish.Retryable && lifecycle.MayRetry(trial) ? TrialStatus.Pending : TrialStatus.Failed,
    };
}
