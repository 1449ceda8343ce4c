namespace HyperSearch.Sweeps.Book;

/// <summary>
/// The moves of a trial between statuses that more than one event makes: back to the queue
/// (attempt + 1), paused, closed, told to stop. Kept together so that a re-queue, a pause and a
/// close release the lease and tell the searcher the same way whichever event caused them.
/// </summary>
internal sealed class TrialLifecycle(TrialTable table, LeaseDeadlines leases, SearcherLink searcher, SweepPolicy policy)
{
    /// <summary>The attempts that count against the retry limit: all but those that began with a promotion.</summary>
    public static int Failures(TrialRecord trial) => trial.Attempt - trial.Promotions;

    /// <summary>Whether a trial that failed in a way worth retrying gets another attempt.</summary>
    public bool MayRetry(TrialRecord trial) => Failures(trial) < policy.MaxAttempts;

    /// <summary>
    /// Sends a running trial back to the queue for <paramref name="reason"/>, or fails it when its
    /// attempts are spent; <paramref name="message"/> is what people read about it.
    /// </summary>
    public TrialRecord Requeue(TrialRecord trial, DateTime now, RequeueReason reason, string message)
    {
        if (trial.StopRequested == StopReason.Paused)
        {
            // Told to pause at a rung, then lost before it said it had: paused all the same (its
            // rung epoch and checkpoint are recorded), so it waits for its promotion like the others.
            return Pause(trial, trial.CheckpointPath, trial.Test);
        }

        if (!MayRetry(trial))
        {
            return Close(trial, TrialStatus.Failed, now, $"{message} (after {Failures(trial)} attempts)");
        }

        leases.Release(trial.Number);
        return trial with
        {
            Status = TrialStatus.Pending,
            Attempt = trial.Attempt + 1,
            SlotId = null,
            Epochs = CarriedEpochs(trial),
            AttemptFirstEpoch = null,
            StopRequested = StopReason.None,
            Message = message,
            RequeueReason = reason,
        };
    }

    /// <summary>A running trial paused: not finished (the searcher hears of it when it ends); its slot takes other work.</summary>
    public TrialRecord Pause(TrialRecord trial, string? checkpointPath, Dictionary<string, double>? test)
    {
        leases.Release(trial.Number);
        return trial with
        {
            Status = TrialStatus.Paused,
            SlotId = null,
            StopRequested = StopReason.None,
            Pauses = trial.Pauses + 1,
            Message = $"paused at epoch {trial.LastEpoch?.Epoch ?? 0}",
            CheckpointPath = checkpointPath,
            Test = test,
        };
    }

    /// <summary>Readies a paused trial for its next attempt, which resumes from its checkpoint.</summary>
    public TrialRecord Promote(TrialRecord paused) => paused with
    {
        Status = TrialStatus.Pending,
        Attempt = paused.Attempt + 1,
        Promotions = paused.Promotions + 1,
        Epochs = CarriedEpochs(paused),
        StopRequested = StopReason.None,
        Message = null,
    };

    /// <summary>Ends a trial the trainer did not finish; the searcher hears of it, as of every finished trial.</summary>
    public TrialRecord Close(TrialRecord trial, TrialStatus status, DateTime now, string message)
    {
        var closed = trial with
        {
            Status = status,
            EndedUtc = now,
            Message = message,
            FinishOrder = ++table.State.FinishedCount,
        };
        Ended(closed);
        return closed;
    }

    /// <summary>A trial reached a terminal status: its lease goes and the searcher observes it.</summary>
    public void Ended(TrialRecord finished)
    {
        leases.Release(finished.Number);
        searcher.Observe(finished);
    }

    /// <summary>
    /// Stops the open trials for <paramref name="reason"/>: queued and paused ones are cancelled,
    /// running ones are told to stop at their next report.
    /// </summary>
    public void StopOpenTrials(StopReason reason, DateTime now)
    {
        var state = table.State;
        if (table.CountOpen(t => t.Status is TrialStatus.Pending or TrialStatus.Paused || (t.Status == TrialStatus.Running && t.StopRequested == StopReason.None)) > 0)
        {
            state.Revision++;
        }

        for (var i = table.FirstOpen(); i < state.Trials.Count; i++)
        {
            var trial = state.Trials[i];
            if (trial.Status is TrialStatus.Pending or TrialStatus.Paused)
            {
                state.Trials[i] = Close(trial, TrialStatus.Cancelled, now, ReasonNames.Of(reason switch
                {
                    StopReason.TimeLimit => SweepEndReason.TimeLimit,
                    StopReason.EpochBudget => SweepEndReason.EpochBudget,
                    _ => SweepEndReason.Cancelled,
                }));
            }
            else if (trial.Status == TrialStatus.Running && trial.StopRequested == StopReason.None)
            {
                state.Trials[i] = trial with { StopRequested = reason };
            }
        }
    }

    /// <summary>
    /// Marks where the current attempt's curve starts: recorded epochs and checkpoints at or after
    /// <paramref name="firstEpoch"/> are dropped, and a start past epoch 1 on a later attempt is a resume.
    /// </summary>
    public static TrialRecord StartAttemptCurve(TrialRecord trial, int firstEpoch) => trial with
    {
        AttemptFirstEpoch = firstEpoch,
        Epochs = AttemptCurve.Before(trial.Epochs, firstEpoch),
        ResumedFrom = AttemptCurve.ResumedFrom(trial.ResumedFrom, trial.Attempt, firstEpoch),
        ResumePoints = AttemptCurve.PointsBefore(trial.ResumePoints, firstEpoch),
    };

    /// <summary>
    /// The epochs the next attempt keeps: those its newest checkpoint covers, when the sweep resumes
    /// trials; none when it does not (the attempt starts at epoch 1).
    /// </summary>
    private EpochMetrics[] CarriedEpochs(TrialRecord trial) =>
        table.Checkpoints.Resume ? AttemptCurve.Carried(trial.Epochs, trial.ResumePoints) : [];
}
