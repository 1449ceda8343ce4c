namespace HyperSearch.Sweeps.Book;

/// <summary>
/// What people do to a whole sweep: cancel it, pause it while the process that trained it is
/// gone, resume it. Each settles the trials that were in flight.
/// </summary>
internal sealed class SweepControl(TrialTable table, TrialLifecycle lifecycle, SweepCompletion completion, RetrainQueue retrains)
{
    /// <summary>Ends the sweep: queued trials are cancelled, running ones are told to stop at their next report.</summary>
    public void Cancel(DateTime now)
    {
        var state = table.State;
        if (state.Status is SweepStatus.Completed or SweepStatus.Cancelled)
        {
            return;
        }

        var wasPaused = state.Status == SweepStatus.Paused;
        state.Revision++;
        state.Status = SweepStatus.Cancelled;
        state.EndReason = SweepEndReason.Cancelled;
        state.FinishedUtc = now;
        lifecycle.StopOpenTrials(StopReason.Cancelled, now);
        retrains.Cancel(now);
        if (wasPaused)
        {
            retrains.Interrupted(now, cancelled: true);

            // Their trainers went away with the paused process: no one will report them finished.
            for (var i = table.FirstOpen(); i < state.Trials.Count; i++)
            {
                if (state.Trials[i].Status == TrialStatus.Running)
                {
                    state.Trials[i] = lifecycle.Close(state.Trials[i], TrialStatus.Cancelled, now, "cancelled while paused");
                }
            }
        }
    }

    /// <summary>
    /// Holds the sweep: no new leases until <see cref="Resume"/>. Used when the process that trained
    /// it went away (Ctrl-C or a crash of an embedded run), so nothing hands its trials to anyone.
    /// </summary>
    public void Pause()
    {
        if (table.State.Status == SweepStatus.Running)
        {
            table.State.Status = SweepStatus.Paused;
            table.State.Revision++;
        }
    }

    /// <summary>
    /// Continues a paused sweep. Trials that were running when it paused lost their trainers with
    /// the process, so they go back to the queue (attempt + 1) instead of waiting out their leases.
    /// </summary>
    public void Resume(DateTime now)
    {
        var state = table.State;
        if (state.Status != SweepStatus.Paused)
        {
            return;
        }

        state.Status = SweepStatus.Running;
        state.Revision++;
        for (var i = table.FirstOpen(); i < state.Trials.Count; i++)
        {
            if (state.Trials[i].Status == TrialStatus.Running)
            {
                state.Trials[i] = lifecycle.Requeue(state.Trials[i], now, RequeueReason.Interrupted, $"{ReasonNames.Of(RequeueReason.Interrupted)} on {state.Trials[i].SlotId}");
            }
        }

        retrains.Interrupted(now, cancelled: false);
        completion.Check(now);
    }
}
