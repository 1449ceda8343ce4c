using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// Turns a sweep's state changes into metrics. The sweep grain shows it the state before each
/// write (one write may carry several events); it compares each trial with what it saw last
/// (leases, attempt, status, epochs) and counts the differences, so the bookkeeping in
/// <see cref="SweepBook"/> needs no telemetry calls of its own. Counts that must be exact come from
/// monotonic figures (slot history, attempts, final statuses, the sweep's epoch and expiry totals).
/// A state it is first shown (a new sweep, or one re-activated after a restart) is taken as seen:
/// what happened before this activation is not counted twice.
/// </summary>
public sealed class SweepTelemetry(HyperSearchInstruments instruments)
{
    private readonly Dictionary<int, TrialMark> _seen = [];

    // The records last seen, by trial number (= index in the table): records are immutable, so one
    // seen before (the same object) has nothing new to count. A write with 20,000 trials costs
    // reference compares of two arrays, without touching the records (cache misses made it 1 ms).
    private readonly List<TrialRecord?> _records = [];
    private double? _bestCompleted;
    private double? _bestPruned;
    private int _running;
    private int _pending;

    // Trials below this index were seen finished: final records, skipped without a look.
    private int _settled;
    private int _leaseExpiries;
    private int _epochsTrained;
    private string? _sweepId;
    private DateTime _lastProgressUtc;

    /// <summary>Takes <paramref name="state"/> as already counted and publishes its gauges.</summary>
    public void Attach(SweepState state)
    {
        _sweepId = state.SweepId;
        _seen.Clear();
        _records.Clear();
        _bestCompleted = null;
        _bestPruned = null;
        _running = 0;
        _pending = 0;
        _settled = 0;
        foreach (var trial in state.Trials)
        {
            _seen[trial.Number] = TrialMark.Of(trial);
            Remember(trial, state.Spec?.Objective);
        }

        _leaseExpiries = state.LeaseExpiries;
        _epochsTrained = state.EpochsTrained;
        _lastProgressUtc = state.Trials
            .SelectMany(t => new[] { t.StartedUtc, t.EndedUtc })
            .Aggregate(state.CreatedUtc, (latest, t) => t > latest ? t.Value : latest);
        if (state.Spec is not null)
        {
            instruments.OnSweepActive(state.Spec.Name);
        }

        Publish(state);
    }

    /// <summary>Counts what changed since the last call and publishes the gauges.</summary>
    public void Observe(SweepState state)
    {
        if (_sweepId is null || state.Spec is null)
        {
            Attach(state);
            return;
        }

        var sweep = state.Spec.Name;
        for (var i = _settled; i < state.Trials.Count; i++)
        {
            var trial = state.Trials[i];
            if (i < _records.Count && ReferenceEquals(_records[i], trial))
            {
                continue;
            }

            var now = TrialMark.Of(trial);
            _seen.TryGetValue(trial.Number, out var before);
            if (Count(sweep, trial, before, now))
            {
                _lastProgressUtc = DateTime.UtcNow;
            }

            _seen[trial.Number] = now;
            Remember(trial, state.Spec.Objective);
        }

        if (state.LeaseExpiries > _leaseExpiries)
        {
            instruments.OnLeasesExpired(sweep, state.LeaseExpiries - _leaseExpiries);
        }

        if (state.EpochsTrained > _epochsTrained)
        {
            // The sweep's own total: it includes epochs of an attempt lost between two writes.
            instruments.OnEpochsTrained(sweep, state.EpochsTrained - _epochsTrained);
            _lastProgressUtc = DateTime.UtcNow;
        }

        _leaseExpiries = state.LeaseExpiries;
        _epochsTrained = state.EpochsTrained;
        while (_settled < _records.Count && _records[_settled] is { } seen && seen.Status.IsFinished())
        {
            _settled++;
        }

        Publish(state);
    }

    /// <summary>The grain is going away: its gauges go with it (its next activation publishes them again).</summary>
    public void Detach()
    {
        if (_sweepId is not null)
        {
            instruments.Sweeps.Remove(_sweepId);
        }
    }

    /// <summary>Counts one trial's transitions; true when it made progress (started, trained an epoch, ended).</summary>
    private bool Count(string sweep, TrialRecord trial, TrialMark? before, TrialMark now)
    {
        var progress = false;
        var sameAttempt = before is not null && before.Attempt == now.Attempt;
        if (before is not null && now.Attempt > before.Attempt)
        {
            // The latest re-queue's cause stands for every attempt skipped since the last look. A
            // trial stored before causes were recorded has none: it counts as a retry, the catch-all.
            var reason = trial.RequeueReason ?? RequeueReason.Failed;
            for (var i = before.Attempt; i < now.Attempt; i++)
            {
                instruments.OnTrialRequeued(sweep, reason);
            }
        }

        // Every lease appends its slot to the history: one entry per attempt started.
        for (var i = before?.Leases ?? 0; i < now.Leases; i++)
        {
            instruments.OnTrialStarted(sweep);
            progress = true;
        }

        for (var e = sameAttempt ? before!.Epochs : 0; e < trial.Epochs.Length; e++)
        {
            instruments.OnEpochDuration(sweep, trial.Epochs[e].Seconds);
        }

        if (now.Status.IsFinished() && (before is null || !before.Status.IsFinished()))
        {
            var duration = trial.StartedUtc is { } started && trial.EndedUtc is { } ended ? ended - started : (TimeSpan?)null;
            instruments.OnTrialEnded(sweep, now.Status, duration);
            progress = true;
        }

        return progress;
    }

    private void Publish(SweepState state)
    {
        if (state.Spec is not { } spec)
        {
            return;
        }

        var running = _running;
        var pending = _pending;
        // Work waiting for a slot: re-queued trials plus the budget the searcher has not proposed yet.
        var unproposed = state.SearchExhausted ? 0 : Math.Max(0, spec.Budget.Trials - state.Trials.Count);
        var queued = state.Status == SweepStatus.Running ? pending + unproposed : 0;
        instruments.Sweeps.Set(state.SweepId, new SweepGauges(spec.Name, spec.Objective, state.Status, queued, running, _bestCompleted ?? _bestPruned, _lastProgressUtc));
    }

    /// <summary>
    /// Notes a record as seen, counts running and pending trials, and keeps the best objective value
    /// of completed trials, else of pruned ones (as <see cref="SweepSnapshot.Best"/> ranks); a
    /// finished record never changes again, so the best values only move forward.
    /// </summary>
    private void Remember(TrialRecord trial, ObjectiveSpec? objective)
    {
        while (_records.Count <= trial.Number)
        {
            _records.Add(null);
        }

        if (_records[trial.Number] is { } previous)
        {
            _running -= previous.Status == TrialStatus.Running ? 1 : 0;
            _pending -= previous.Status == TrialStatus.Pending ? 1 : 0;
        }

        _running += trial.Status == TrialStatus.Running ? 1 : 0;
        _pending += trial.Status == TrialStatus.Pending ? 1 : 0;
        _records[trial.Number] = trial;
        if (objective is null || trial.Status is not (TrialStatus.Completed or TrialStatus.Pruned)
            || trial.ObjectiveValue(objective) is not { } value || double.IsNaN(value))
        {
            return;
        }

        if (trial.Status == TrialStatus.Completed)
        {
            _bestCompleted = Better(_bestCompleted, value, objective);
        }
        else
        {
            _bestPruned = Better(_bestPruned, value, objective);
        }
    }

    private static double Better(double? best, double value, ObjectiveSpec objective) =>
        best is not { } b ? value : objective.Mode == ObjectiveMode.Max ? Math.Max(b, value) : Math.Min(b, value);

    private sealed record class TrialMark(TrialStatus Status, int Attempt, int Epochs, int Leases)
    {
        public static TrialMark Of(TrialRecord trial) => new(trial.Status, trial.Attempt, trial.Epochs.Length, trial.SlotHistory.Length);
    }
}
