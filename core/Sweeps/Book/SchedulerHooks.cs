using HyperSearch.Search;

namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Where the book meets the scheduler: its verdict on each epoch, the promotion of paused trials
/// (ASHA and Hyperband in pause mode, PBT taking turns) and the move onto another trial's
/// checkpoint (PBT). The scheduler's optional hooks answer for every kind alike, so nothing here
/// asks which scheduler it holds.
/// </summary>
internal sealed class SchedulerHooks(TrialTable table, ISearchScheduler scheduler, TrialLifecycle lifecycle)
{
    /// <summary>Paper ASHA resumes a promotable paused trial before it starts a new one; PBT starts its whole population first.</summary>
    public bool PromotesFirst => scheduler.PromotesBeforeNewTrials;

    /// <summary>
    /// Shows the scheduler an epoch and turns its verdict into the reason the trial stops. The
    /// scheduler sees every epoch (a replay after a restart shows it the same ones); its verdict
    /// counts only for a trial still meant to go on, before its last epoch.
    /// </summary>
    public StopReason Judge(TrialRecord trial, EpochMetrics metrics, StopReason stop)
    {
        var decision = scheduler.OnReport(trial.Number, metrics.Epoch, table.Score(metrics));
        if (stop != StopReason.None || !table.BeforeLastEpoch(metrics.Epoch))
        {
            return stop;
        }

        return decision switch
        {
            SchedulerDecision.Stop => StopReason.Pruned,
            SchedulerDecision.Pause => StopReason.Paused,
            _ => StopReason.None,
        };
    }

    /// <summary>Whether trials compare themselves with the population at <paramref name="epoch"/> (<see cref="PopulationStep"/>).</summary>
    public bool ExchangesAt(int epoch) => scheduler.ExchangesAt(epoch);

    /// <summary>
    /// At an exchange epoch (PBT's interval): a trial the scheduler moves takes another trial's
    /// checkpoint of this epoch and new parameters (it pauses, and its next attempt continues from
    /// there); any other pauses when trials wait behind it, so a population larger than the slots
    /// takes turns. Returns the reason the trial stops, None when it goes on.
    /// </summary>
    public StopReason PopulationStep(int index, int epoch)
    {
        var trials = table.Trials;
        var trial = trials[index];
        var donors = new HashSet<int>();
        for (var i = 0; i < trials.Count; i++)
        {
            if (i != index && trials[i].ResumePoints?.Any(p => p.Epoch == epoch) == true)
            {
                donors.Add(i);
            }
        }

        if (scheduler.Exchange(trial.Number, epoch, donors, donor => trials[donor].Parameters) is { } exchange)
        {
            trials[index] = trial with
            {
                InitialParameters = trial.InitialParameters ?? trial.Parameters,
                Parameters = exchange.Parameters,
                Lineage = [.. trial.Lineage ?? [], new LineageStep(epoch, exchange.Donor, exchange.Parameters)],
                ResumePoints = [trials[exchange.Donor].ResumePoints!.First(p => p.Epoch == epoch)],
            };
            return StopReason.Paused;
        }

        // Taking turns costs nothing only from a checkpoint of this epoch; without one (a trainer
        // that saves none) the trial keeps its slot rather than start over when its turn comes.
        var othersWait = table.MayCreateTrials
            || table.CountOpen(t => t.Status == TrialStatus.Pending || (t.Status == TrialStatus.Paused && (t.LastEpoch?.Epoch ?? 0) < epoch)) > 0;
        return othersWait && trial.ResumePoints?.Any(p => p.Epoch == epoch) == true ? StopReason.Paused : StopReason.None;
    }

    /// <summary>Readies the paused trial the scheduler promotes now (its next attempt resumes from its checkpoint); its index, or -1.</summary>
    public int Promote()
    {
        if (NextPromotion() is not { } index)
        {
            return -1;
        }

        table.Trials[index] = lifecycle.Promote(table.Trials[index]);
        return index;
    }

    /// <summary>The paused trial the scheduler promotes now, as an index into the table; null when none.</summary>
    public int? NextPromotion()
    {
        Dictionary<int, int>? paused = null;
        for (var i = table.FirstOpen(); i < table.Trials.Count; i++)
        {
            if (table.Trials[i] is { Status: TrialStatus.Paused, LastEpoch: { } last } trial)
            {
                (paused ??= [])[trial.Number] = last.Epoch;
            }
        }

        return paused is null ? null : scheduler.NextPromotion(paused);
    }

    /// <summary>
    /// Ends the paused trials when nothing can promote them any more: nothing runs or waits, no new
    /// trial can start, and none of them is promotable. They end pruned at the rung they reached.
    /// </summary>
    public void SettlePaused(DateTime now)
    {
        var state = table.State;
        if (state.Status != SweepStatus.Running
            || table.CountOpen(t => t.Status is TrialStatus.Running or TrialStatus.Pending) > 0
            || table.MayCreateTrials
            || NextPromotion() is not null)
        {
            return;
        }

        for (var i = table.FirstOpen(); i < state.Trials.Count; i++)
        {
            if (state.Trials[i].Status == TrialStatus.Paused)
            {
                state.Revision++;
                state.Trials[i] = lifecycle.Close(state.Trials[i], TrialStatus.Pruned, now, $"paused at epoch {state.Trials[i].LastEpoch?.Epoch ?? 0}, never promoted");
            }
        }
    }

    /// <summary>
    /// Rebuilds the scheduler after a (re)activation. A scheduler keys its state by trial and epoch,
    /// so every recorded epoch, running trials' included, is reported again.
    /// </summary>
    public void Replay()
    {
        foreach (var trial in table.Trials)
        {
            foreach (var epoch in trial.Epochs)
            {
                scheduler.OnReport(trial.Number, epoch.Epoch, table.Score(epoch));
            }
        }
    }
}
