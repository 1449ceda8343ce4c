namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Admission: which trial a slot that asks for work gets, if any. A re-queued trial goes first;
/// then a promotion or a new trial from the searcher, in the order the scheduler asks for; once
/// the search is over, the ensemble's retraining jobs.
/// </summary>
internal sealed class LeaseDesk(
    TrialTable table,
    LeaseDeadlines leases,
    SearcherLink searcher,
    SchedulerHooks hooks,
    LeaseExpiry expiry,
    SweepCompletion completion,
    RetrainQueue retrains,
    SweepPolicy policy)
{
    /// <summary>Hands the next trial to <paramref name="slotId"/>, or null when there is none for it now.</summary>
    public TrialLease? Lease(string slotId, DateTime now)
    {
        // Expire stale leases first, so a trial whose slot went quiet can go to this one.
        expiry.TickOnce(now);
        if (retrains.Started)
        {
            return LeaseRetrain(slotId, now);
        }

        if (!TakesLeases(now))
        {
            return null;
        }

        var index = table.FindPending();
        if (index < 0 && hooks.PromotesFirst)
        {
            index = hooks.Promote();
        }

        if (index < 0)
        {
            index = searcher.TryCreateTrial();
        }

        if (index < 0 && !hooks.PromotesFirst)
        {
            index = hooks.Promote();
        }

        if (index < 0)
        {
            completion.Check(now);
            return null;
        }

        return Start(index, slotId, now);
    }

    /// <summary>Whether a slot asking now might get a trial: a pending one waits, a paused one is due for promotion, or the search may propose another.</summary>
    public bool MayLease(DateTime now)
    {
        if (retrains.Started)
        {
            return table.State.Status == SweepStatus.Running && retrains.HasPending;
        }

        return TakesLeases(now)
            && (table.FindPending() >= 0 || hooks.NextPromotion() is not null || table.MayCreateTrials);
    }

    /// <summary>The sweep runs, within its time and epoch budgets, below its parallelism: a lease may go out if there is a trial.</summary>
    private bool TakesLeases(DateTime now)
    {
        var parallelism = table.Spec.Budget.Parallelism;
        return table.State.Status == SweepStatus.Running && !table.IsOverTime(now) && !table.IsOverEpochBudget()
            && (parallelism <= 0 || table.CountOpen(t => t.Status == TrialStatus.Running) < parallelism);
    }

    /// <summary>Marks the trial at <paramref name="index"/> running on <paramref name="slotId"/> and words its lease.</summary>
    private TrialLease Start(int index, string slotId, DateTime now)
    {
        var state = table.State;
        var spec = table.Spec;
        var checkpoints = table.Checkpoints;

        // Epochs carried over from earlier attempts (up to the checkpoint it resumes from) stay:
        // the attempt continues the trial's curve. A re-queue trimmed them to that checkpoint.
        var trial = state.Trials[index] with
        {
            Status = TrialStatus.Running,
            SlotId = slotId,
            AttemptFirstEpoch = null,
            StartedUtc = state.Trials[index].StartedUtc ?? now,
            SlotHistory = [.. state.Trials[index].SlotHistory, slotId],
        };
        state.Trials[index] = trial;
        state.Revision++;
        leases.Renew(trial.Number, now);
        var key = new TrialKey(state.SweepId, trial.Number, trial.Attempt);
        return new TrialLease(
            key, trial.Parameters, spec.Data, spec.Budget.MaxEpochs, table.TrialSeed(trial.Number), policy.LeaseDuration, spec.Objective.Metric, spec.Trainer,
            checkpoints.Resume && trial.ResumePoints is { Length: > 0 } points ? [.. points.Reverse()] : null,
            checkpoints.Resume ? checkpoints.EveryEpochs : 0, // nothing would read them: save none
            Snapshots: spec.Ensemble?.Snapshots ?? 0);
    }

    /// <summary>The search is over and the ensemble's best trials are retrained (<see cref="RetrainQueue"/>): the next job, or null.</summary>
    private TrialLease? LeaseRetrain(string slotId, DateTime now)
    {
        var spec = table.Spec;
        var checkpoints = table.Checkpoints;
        var parallelism = spec.Budget.Parallelism;
        if (table.State.Status != SweepStatus.Running || (parallelism > 0 && retrains.RunningCount >= parallelism) || retrains.Lease(slotId, now) is not { } job)
        {
            return null;
        }

        var trial = table.Trials[job.TrialNumber];
        var key = new TrialKey(table.State.SweepId, job.TrialNumber, job.Attempt, Retrain: true);

        // A retraining saves resumable checkpoints as trials do, so a lost attempt continues where it was.
        return new TrialLease(
            key, trial.Parameters, spec.Data, job.Epochs, table.TrialSeed(trial.Number), policy.LeaseDuration, spec.Objective.Metric, spec.Trainer,
            ResumeFrom: checkpoints.Resume && job.ResumePoints is { Length: > 0 } points ? [.. points.Reverse()] : null,
            CheckpointEvery: checkpoints.Resume ? checkpoints.EveryEpochs : 0,
            ValidationInTraining: true);
    }
}
