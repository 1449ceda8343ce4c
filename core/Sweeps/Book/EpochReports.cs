namespace HyperSearch.Sweeps.Book;

/// <summary>
/// What a running attempt says while it trains: heartbeats, and epoch reports with the verdicts
/// they earn (the scheduler's, the time limit's, the epoch budget's). The answer tells the slot
/// whether to go on.
/// </summary>
internal sealed class EpochReports(
    TrialTable table,
    LeaseDeadlines leases,
    SchedulerHooks hooks,
    TrialLifecycle lifecycle,
    RetrainQueue retrains,
    MetricNameTable names)
{
    /// <summary>Extends the lease of a running attempt; Stop when the attempt is no longer current or must end.</summary>
    public LeaseDirective Heartbeat(TrialKey key, DateTime now)
    {
        if (key.Retrain)
        {
            return retrains.Heartbeat(key, now);
        }

        var index = table.FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var trial = table.Trials[index];
        leases.Renew(trial.Number, now);
        return Directive(trial.StopRequested);
    }

    /// <summary>Records an epoch of a running attempt and decides whether the trial goes on.</summary>
    public LeaseDirective Report(TrialKey key, EpochMetrics metrics, DateTime now)
    {
        if (key.Retrain)
        {
            return retrains.Report(key, names.Share(metrics), now);
        }

        var index = table.FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var state = table.State;
        var trial = state.Trials[index];
        if (trial.AttemptFirstEpoch is null)
        {
            // The attempt's first report says where it started: epochs recorded from that one on
            // came from earlier attempts, which it trains again (it fell back to an older
            // checkpoint, or its trainer cannot resume), so they give way: each epoch once.
            trial = TrialLifecycle.StartAttemptCurve(trial, metrics.Epoch);
        }
        else if (trial.LastEpoch is { } last && metrics.Epoch <= last.Epoch)
        {
            // A duplicate delivery of a report already recorded: answer as before, change nothing.
            return Directive(trial.StopRequested);
        }

        var stop = trial.StopRequested;
        if (stop == StopReason.None && table.IsOverTime(now))
        {
            stop = StopReason.TimeLimit;
        }

        stop = hooks.Judge(trial, metrics, stop);
        state.EpochsTrained++;
        if (stop == StopReason.None && table.BeforeLastEpoch(metrics.Epoch) && table.IsOverEpochBudget())
        {
            stop = StopReason.EpochBudget;
        }

        state.Trials[index] = trial with
        {
            // The checkpoint's path is kept once, in ResumePoints, not in every epoch of the curve.
            Epochs = [.. trial.Epochs, names.Share(metrics with { ResumeCheckpoint = null })],
            StopRequested = stop,
            ResumePoints = metrics.ResumeCheckpoint is { } saved ? AttemptCurve.KeepNewest(trial.ResumePoints, new ResumePoint(saved, metrics.Epoch)) : trial.ResumePoints,
        };
        if (stop == StopReason.None && table.BeforeLastEpoch(metrics.Epoch) && hooks.ExchangesAt(metrics.Epoch))
        {
            stop = hooks.PopulationStep(index, metrics.Epoch);
            state.Trials[index] = state.Trials[index] with { StopRequested = stop };
        }

        leases.Renew(trial.Number, now);
        state.Revision++;
        if (table.IsOverEpochBudget())
        {
            // The other running trials stop at their next report, queued ones never start.
            lifecycle.StopOpenTrials(StopReason.EpochBudget, now);
        }

        return Directive(stop);
    }

    private static LeaseDirective Directive(StopReason stop) => stop == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
}
