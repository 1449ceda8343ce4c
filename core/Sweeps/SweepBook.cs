using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// The sweep's bookkeeping, free of Orleans: the trial table, leases, epoch reports, retries and
/// the end of the sweep. The sweep grain owns one, feeds it events in the order it receives them
/// and persists <see cref="State"/> after every change. Every method takes the time explicitly so
/// tests drive lease expiry without waiting.
/// </summary>
public sealed class SweepBook
{
    private readonly SweepPolicy _policy;
    private readonly ISearcher _searcher;
    private readonly ISearchScheduler _scheduler;

    public SweepBook(SweepState state, SweepPolicy policy)
    {
        if (state.Spec is null)
        {
            throw new ArgumentException("the sweep has no spec", nameof(state));
        }

        State = state;
        _policy = policy;
        _searcher = SearcherFactory.Create(state.Spec);
        _scheduler = SchedulerFactory.Create(state.Spec);
        Replay();
    }

    public SweepState State { get; }

    private SweepSpec Spec => State.Spec!;

    /// <summary>Starts a new sweep's state.</summary>
    public static SweepState NewState(string sweepId, SweepSpec spec, DateTime now) => new()
    {
        SweepId = sweepId,
        Spec = spec,
        Status = SweepStatus.Running,
        CreatedUtc = now,
    };

    /// <summary>Hands the next trial to <paramref name="slotId"/>, or null when there is none for it now.</summary>
    public TrialLease? Lease(string slotId, DateTime now)
    {
        Tick(now);
        if (State.Status != SweepStatus.Running || IsOverTime(now))
        {
            return null;
        }

        var parallelism = Spec.Budget.Parallelism;
        if (parallelism > 0 && State.Trials.Count(t => t.Status == TrialStatus.Running) >= parallelism)
        {
            return null;
        }

        var index = State.Trials.FindIndex(t => t.Status == TrialStatus.Pending);
        if (index < 0)
        {
            index = TryCreateTrial();
            if (index < 0)
            {
                CheckCompletion(now);
                return null;
            }
        }

        var trial = State.Trials[index] with
        {
            Status = TrialStatus.Running,
            SlotId = slotId,
            LeaseExpiresUtc = now + _policy.LeaseDuration,
            Epochs = [],
            StartedUtc = State.Trials[index].StartedUtc ?? now,
            SlotHistory = [.. State.Trials[index].SlotHistory, slotId],
        };
        State.Trials[index] = trial;
        State.Revision++;
        var key = new TrialKey(State.SweepId, trial.Number, trial.Attempt);
        return new TrialLease(key, trial.Parameters, Spec.Data, Spec.Budget.MaxEpochs, TrialSeed(trial.Number), _policy.LeaseDuration);
    }

    /// <summary>Extends the lease of a running attempt; Stop when the attempt is no longer current or must end.</summary>
    public LeaseDirective Heartbeat(TrialKey key, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var trial = State.Trials[index] with { LeaseExpiresUtc = now + _policy.LeaseDuration };
        State.Trials[index] = trial;
        return trial.StopRequested == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
    }

    /// <summary>Records an epoch of a running attempt and decides whether the trial goes on.</summary>
    public LeaseDirective Report(TrialKey key, EpochMetrics metrics, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var trial = State.Trials[index];
        if (trial.LastEpoch is { } last && metrics.Epoch <= last.Epoch)
        {
            // A duplicate delivery of a report already recorded: answer as before, change nothing.
            return trial.StopRequested == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
        }

        var stop = trial.StopRequested;
        if (stop == StopReason.None && IsOverTime(now))
        {
            stop = StopReason.TimeLimit;
        }

        if (stop == StopReason.None && metrics.Epoch < Spec.Budget.MaxEpochs
            && _scheduler.OnReport(trial.Number, metrics.Epoch, metrics.Get(Spec.Objective.Metric)) == SchedulerDecision.Stop)
        {
            stop = StopReason.Pruned;
        }

        State.Trials[index] = trial with
        {
            Epochs = [.. trial.Epochs, metrics],
            LeaseExpiresUtc = now + _policy.LeaseDuration,
            StopRequested = stop,
        };
        State.EpochsTrained++;
        State.Revision++;
        return stop == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
    }

    /// <summary>
    /// Records how an attempt ended. Returns false (and changes nothing) for an attempt that is no
    /// longer current: its lease expired and the trial was re-queued, or it already finished.
    /// </summary>
    public bool Finish(TrialKey key, TrialFinish finish, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return false;
        }

        var trial = State.Trials[index];
        var status = finish.Outcome switch
        {
            TrialOutcome.Completed => TrialStatus.Completed,
            TrialOutcome.Diverged => TrialStatus.Diverged,
            TrialOutcome.Stopped => trial.StopRequested switch
            {
                StopReason.Pruned => TrialStatus.Pruned,
                StopReason.Cancelled or StopReason.TimeLimit => TrialStatus.Cancelled,
                // The trainer stopped on its own (its silo is shutting down): run it again elsewhere.
                _ => TrialStatus.Pending,
            },
            _ => finish.Retryable && trial.Attempt < _policy.MaxAttempts ? TrialStatus.Pending : TrialStatus.Failed,
        };

        State.Revision++;
        if (status == TrialStatus.Pending)
        {
            State.Trials[index] = Requeue(trial, now, finish.Message ?? "failed");
            return true;
        }

        trial = trial with
        {
            Status = status,
            Test = finish.Test,
            InitialLoss = finish.InitialLoss,
            Message = finish.Message,
            LeaseExpiresUtc = null,
            EndedUtc = now,
            FinishOrder = ++State.FinishedCount,
        };
        State.Trials[index] = trial;
        if (status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Diverged)
        {
            _searcher.Observe(ToObservation(trial));
        }

        CheckCompletion(now);
        return true;
    }

    /// <summary>Ends the sweep: queued trials are cancelled, running ones are told to stop at their next report.</summary>
    public void Cancel(DateTime now)
    {
        if (State.Status is SweepStatus.Completed or SweepStatus.Cancelled)
        {
            return;
        }

        var wasPaused = State.Status == SweepStatus.Paused;
        State.Revision++;
        State.Status = SweepStatus.Cancelled;
        State.EndReason = "cancelled";
        State.FinishedUtc = now;
        StopOpenTrials(StopReason.Cancelled, now);
        if (wasPaused)
        {
            // Their trainers went away with the paused process: no one will report them finished.
            for (var i = 0; i < State.Trials.Count; i++)
            {
                if (State.Trials[i].Status == TrialStatus.Running)
                {
                    State.Trials[i] = Close(State.Trials[i], TrialStatus.Cancelled, now, "cancelled while paused");
                }
            }
        }
    }

    /// <summary>
    /// Holds the sweep: no new leases until <see cref="Resume"/>. Used when the process that trained
    /// it went away (Ctrl-C or a crash of an embedded run), so nothing hands its trials to anyone.
    /// </summary>
    public void Pause(DateTime now)
    {
        if (State.Status == SweepStatus.Running)
        {
            State.Status = SweepStatus.Paused;
            State.Revision++;
        }
    }

    /// <summary>
    /// Continues a paused sweep. Trials that were running when it paused lost their trainers with
    /// the process, so they go back to the queue (attempt + 1) instead of waiting out their leases.
    /// </summary>
    public void Resume(DateTime now)
    {
        if (State.Status != SweepStatus.Paused)
        {
            return;
        }

        State.Status = SweepStatus.Running;
        State.Revision++;
        for (var i = 0; i < State.Trials.Count; i++)
        {
            if (State.Trials[i].Status == TrialStatus.Running)
            {
                State.Trials[i] = Requeue(State.Trials[i], now, $"interrupted on {State.Trials[i].SlotId}");
            }
        }

        CheckCompletion(now);
    }

    /// <summary>Expires stale leases and applies the time limit; the grain calls this on a timer.</summary>
    public void Tick(DateTime now)
    {
        if (State.Status == SweepStatus.Paused)
        {
            // Nobody trains a paused sweep: its leases are settled by Resume or Cancel, not by time.
            return;
        }

        for (var i = 0; i < State.Trials.Count; i++)
        {
            var trial = State.Trials[i];
            if (trial.Status == TrialStatus.Running && trial.LeaseExpiresUtc < now)
            {
                State.LeaseExpiries++;
                State.Revision++;
                State.Trials[i] = State.Status == SweepStatus.Running && trial.StopRequested == StopReason.None
                    ? Requeue(trial, now, $"lease expired on {trial.SlotId}")
                    : Close(trial, TrialStatus.Cancelled, now, "lease expired after the sweep ended");
            }
        }

        if (State.Status == SweepStatus.Running && IsOverTime(now))
        {
            StopOpenTrials(StopReason.TimeLimit, now);
        }

        CheckCompletion(now);
    }

    public SweepSnapshot Snapshot() => new(
        State.SweepId, State.Spec, State.Status, State.EndReason, State.CreatedUtc, State.FinishedUtc,
        State.EpochsTrained, State.LeaseExpiries, [.. State.Trials]);

    /// <summary>A trial's training seed: fixed by the sweep seed and the trial number, so a re-run repeats it.</summary>
    public int TrialSeed(int trialNumber) => unchecked((Spec.Search.Seed * 1_000_003) + trialNumber);

    private TrialRecord Requeue(TrialRecord trial, DateTime now, string why)
    {
        if (trial.Attempt >= _policy.MaxAttempts)
        {
            return Close(trial, TrialStatus.Failed, now, $"{why} (after {trial.Attempt} attempts)");
        }

        return trial with
        {
            Status = TrialStatus.Pending,
            Attempt = trial.Attempt + 1,
            SlotId = null,
            LeaseExpiresUtc = null,
            Epochs = [],
            StopRequested = StopReason.None,
            Message = why,
        };
    }

    private TrialRecord Close(TrialRecord trial, TrialStatus status, DateTime now, string message) => trial with
    {
        Status = status,
        LeaseExpiresUtc = null,
        EndedUtc = now,
        Message = message,
        FinishOrder = ++State.FinishedCount,
    };

    private void StopOpenTrials(StopReason reason, DateTime now)
    {
        if (State.Trials.Any(t => t.Status == TrialStatus.Pending || (t.Status == TrialStatus.Running && t.StopRequested == StopReason.None)))
        {
            State.Revision++;
        }

        for (var i = 0; i < State.Trials.Count; i++)
        {
            var trial = State.Trials[i];
            if (trial.Status == TrialStatus.Pending)
            {
                State.Trials[i] = Close(trial, TrialStatus.Cancelled, now, reason == StopReason.TimeLimit ? "time limit reached" : "cancelled");
            }
            else if (trial.Status == TrialStatus.Running && trial.StopRequested == StopReason.None)
            {
                State.Trials[i] = trial with { StopRequested = reason };
            }
        }
    }

    private int TryCreateTrial()
    {
        if (State.SearchExhausted || State.Trials.Count >= Spec.Budget.Trials)
        {
            return -1;
        }

        var parameters = _searcher.Suggest(State.Trials.Count);
        if (parameters is null)
        {
            State.SearchExhausted = true;
            State.Revision++;
            return -1;
        }

        State.Revision++;
        State.Trials.Add(TrialRecord.CreatePending(State.Trials.Count, new Dictionary<string, ParamValue>(parameters)));
        return State.Trials.Count - 1;
    }

    private void CheckCompletion(DateTime now)
    {
        if (State.Status != SweepStatus.Running || State.Trials.Any(t => !t.Status.IsFinished()))
        {
            return;
        }

        string? reason = null;
        if (IsOverTime(now))
        {
            reason = "time limit reached";
        }
        else if (State.Trials.Count >= Spec.Budget.Trials)
        {
            reason = "trial budget reached";
        }
        else if (State.SearchExhausted)
        {
            reason = "search space exhausted";
        }

        if (reason is not null)
        {
            State.Revision++;
            State.Status = SweepStatus.Completed;
            State.EndReason = reason;
            State.FinishedUtc = now;
        }
    }

    private bool IsOverTime(DateTime now) => Spec.Budget.TimeLimit is { } limit && now - State.CreatedUtc >= limit;

    private int FindCurrent(TrialKey key)
    {
        if (key.SweepId != State.SweepId || key.TrialNumber < 0 || key.TrialNumber >= State.Trials.Count)
        {
            return -1;
        }

        var trial = State.Trials[key.TrialNumber];
        return trial.Status == TrialStatus.Running && trial.Attempt == key.Attempt ? key.TrialNumber : -1;
    }

    /// <summary>Rebuilds the searcher and scheduler from the recorded trials after a (re)activation.</summary>
    private void Replay()
    {
        for (var n = 0; n < State.Trials.Count; n++)
        {
            // Searchers derive a trial's proposal from its number; asking again keeps them in step.
            _searcher.Suggest(n);
        }

        foreach (var trial in State.Trials.Where(t => t.FinishOrder > 0).OrderBy(t => t.FinishOrder))
        {
            foreach (var epoch in trial.Epochs)
            {
                _scheduler.OnReport(trial.Number, epoch.Epoch, epoch.Get(Spec.Objective.Metric));
            }

            if (trial.Status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Diverged)
            {
                _searcher.Observe(ToObservation(trial));
            }
        }
    }

    private TrialObservation ToObservation(TrialRecord trial) =>
        new(trial.Number, trial.Parameters, trial.ObjectiveValue(Spec.Objective));
}
