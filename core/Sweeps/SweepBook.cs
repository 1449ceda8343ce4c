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

    /// <summary>
    /// Lease deadlines of running trials, by trial number. Kept here rather than in the records:
    /// heartbeats move them every second or so, and a record that changed is a page to rewrite
    /// (measured: at 1,000 slots most of a sweep's writes were pages rewritten for heartbeats).
    /// Not persisted: after a restart every running trial gets a fresh lease when first seen.
    /// </summary>
    private readonly Dictionary<int, DateTime> _leaseDeadlines = [];
    private readonly MetricNameTable _names = new();
    private readonly RetrainQueue _retrains;

    /// <summary>Trials below this index are all finished (a terminal status): scans of open trials start here.</summary>
    private int _firstOpen;

    /// <summary>The clock reading of the last <see cref="Tick"/>.</summary>
    private DateTime _lastTick;

    // A slot asked for a trial and got none; and since then a trial may have come back (a finish,
    // a re-queue, an expired lease). Both together: the turned-away slots should hear of it.
    private bool _turnedAway;
    private bool _trialsReturned;

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
        _retrains = new RetrainQueue(state, policy);
        Replay();
    }

    public SweepState State { get; }

    private SweepSpec Spec => State.Spec!;

    private CheckpointSpec Checkpoints => Spec.Checkpoints ?? CheckpointSpec.Default;

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
        var lease = LeaseNext(slotId, now);
        _turnedAway |= lease is null;
        return lease;
    }

    /// <summary>A slot was turned away without asking the book (the grain leases nothing while its store fails).</summary>
    public void NoteTurnedAway() => _turnedAway = true;

    /// <summary>Trials may be leased again for a reason outside the book (the grain's store works again).</summary>
    public void NoteTrialsReturned() => _trialsReturned = true;

    /// <summary>
    /// True once each time slots were turned away and, since, a trial came back that a slot could
    /// lease now: nothing else tells an idle slot, so the sweep has the registry offer itself again.
    /// Only a finish, a re-queue or an expired lease arms it, so turned-away slots that ask again and
    /// are turned away again (a searcher that waits) cost one offer per such event, not a loop.
    /// </summary>
    public bool TakeOfferDue(DateTime now)
    {
        var due = _turnedAway && _trialsReturned && MayLease(now);
        _trialsReturned = false;
        _turnedAway &= !due;
        return due;
    }

    private TrialLease? LeaseNext(string slotId, DateTime now)
    {
        // Expire stale leases first, once per instant: a wave of slots leased together (one batch,
        // one clock reading) would otherwise scan every running trial once per slot (measured:
        // 5-17 ms to lease 333 slots with 1,000 trials running).
        if (now != _lastTick)
        {
            Tick(now);
        }

        if (_retrains.Started)
        {
            return LeaseRetrain(slotId, now);
        }

        if (!TakesLeases(now))
        {
            return null;
        }

        // Paper ASHA resumes a promotable paused trial before it starts a new one; PBT starts its
        // whole population first. Either way a re-queued trial goes first.
        var index = State.Trials.FindIndex(FirstOpen(), t => t.Status == TrialStatus.Pending);
        var promotesFirst = (_scheduler as IPausingScheduler)?.PromotesBeforeNewTrials ?? true;
        if (index < 0 && promotesFirst)
        {
            index = Promote();
        }

        if (index < 0)
        {
            index = TryCreateTrial();
        }

        if (index < 0 && !promotesFirst)
        {
            index = Promote();
        }

        if (index < 0)
        {
            CheckCompletion(now);
            return null;
        }

        // Epochs carried over from earlier attempts (up to the checkpoint it resumes from) stay:
        // the attempt continues the trial's curve. Requeue trimmed them to that checkpoint.
        var trial = State.Trials[index] with
        {
            Status = TrialStatus.Running,
            SlotId = slotId,
            AttemptFirstEpoch = null,
            StartedUtc = State.Trials[index].StartedUtc ?? now,
            SlotHistory = [.. State.Trials[index].SlotHistory, slotId],
        };
        State.Trials[index] = trial;
        State.Revision++;
        _leaseDeadlines[trial.Number] = now + _policy.LeaseDuration;
        var key = new TrialKey(State.SweepId, trial.Number, trial.Attempt);
        return new TrialLease(
            key, trial.Parameters, Spec.Data, Spec.Budget.MaxEpochs, TrialSeed(trial.Number), _policy.LeaseDuration, Spec.Objective.Metric, Spec.Trainer,
            Checkpoints.Resume && trial.ResumePoints is { Length: > 0 } points ? [.. points.Reverse()] : null,
            Checkpoints.Resume ? Checkpoints.EveryEpochs : 0); // nothing would read them: save none
    }

    /// <summary>The search is over and the ensemble's best trials are retrained (<see cref="RetrainQueue"/>): the next job, or null.</summary>
    private TrialLease? LeaseRetrain(string slotId, DateTime now)
    {
        var parallelism = Spec.Budget.Parallelism;
        if (State.Status != SweepStatus.Running || (parallelism > 0 && _retrains.RunningCount >= parallelism) || _retrains.Lease(slotId, now) is not { } job)
        {
            return null;
        }

        var trial = State.Trials[job.TrialNumber];
        var key = new TrialKey(State.SweepId, job.TrialNumber, job.Attempt, Retrain: true);
        // A retraining saves resumable checkpoints as trials do, so a lost attempt continues where it was.
        return new TrialLease(
            key, trial.Parameters, Spec.Data, job.Epochs, TrialSeed(trial.Number), _policy.LeaseDuration, Spec.Objective.Metric, Spec.Trainer,
            ResumeFrom: Checkpoints.Resume && job.ResumePoints is { Length: > 0 } points ? [.. points.Reverse()] : null,
            CheckpointEvery: Checkpoints.Resume ? Checkpoints.EveryEpochs : 0,
            ValidationInTraining: true);
    }

    /// <summary>Whether a slot asking now might get a trial: a pending one waits, a paused one is due for promotion, or the search may propose another.</summary>
    private bool MayLease(DateTime now)
    {
        if (_retrains.Started)
        {
            return State.Status == SweepStatus.Running && _retrains.HasPending;
        }

        return TakesLeases(now)
            && (State.Trials.FindIndex(FirstOpen(), t => t.Status == TrialStatus.Pending) >= 0
                || NextPromotion() is not null
                || (!State.SearchExhausted && State.Trials.Count < Spec.Budget.Trials));
    }

    /// <summary>The sweep runs, within its time and epoch budgets, below its parallelism: a lease may go out if there is a trial.</summary>
    private bool TakesLeases(DateTime now)
    {
        var parallelism = Spec.Budget.Parallelism;
        return State.Status == SweepStatus.Running && !IsOverTime(now) && !IsOverEpochBudget()
            && (parallelism <= 0 || CountOpen(t => t.Status == TrialStatus.Running) < parallelism);
    }

    /// <summary>Extends the lease of a running attempt; Stop when the attempt is no longer current or must end.</summary>
    public LeaseDirective Heartbeat(TrialKey key, DateTime now)
    {
        if (key.Retrain)
        {
            return _retrains.Heartbeat(key, now);
        }

        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var trial = State.Trials[index];
        _leaseDeadlines[trial.Number] = now + _policy.LeaseDuration;
        return trial.StopRequested == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
    }

    /// <summary>Records an epoch of a running attempt and decides whether the trial goes on.</summary>
    public LeaseDirective Report(TrialKey key, EpochMetrics metrics, DateTime now)
    {
        if (key.Retrain)
        {
            return _retrains.Report(key, _names.Share(metrics), now);
        }

        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var trial = State.Trials[index];
        if (trial.AttemptFirstEpoch is null)
        {
            // The attempt's first report says where it started: epochs recorded from that one on
            // came from earlier attempts, which it trains again (it fell back to an older
            // checkpoint, or its trainer cannot resume), so they give way: each epoch once.
            trial = StartAttemptCurve(trial, metrics.Epoch);
        }
        else if (trial.LastEpoch is { } last && metrics.Epoch <= last.Epoch)
        {
            // A duplicate delivery of a report already recorded: answer as before, change nothing.
            return trial.StopRequested == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
        }

        var stop = trial.StopRequested;
        if (stop == StopReason.None && IsOverTime(now))
        {
            stop = StopReason.TimeLimit;
        }

        // The scheduler sees every epoch (a replay after a restart shows it the same ones); its
        // verdict counts only for a trial still meant to go on.
        var decision = _scheduler.OnReport(trial.Number, metrics.Epoch, Score(metrics));
        if (stop == StopReason.None && metrics.Epoch < Spec.Budget.MaxEpochs && decision == SchedulerDecision.Stop)
        {
            stop = StopReason.Pruned;
        }
        else if (stop == StopReason.None && metrics.Epoch < Spec.Budget.MaxEpochs && decision == SchedulerDecision.Pause)
        {
            stop = StopReason.Paused;
        }

        State.EpochsTrained++;
        if (stop == StopReason.None && metrics.Epoch < Spec.Budget.MaxEpochs && IsOverEpochBudget())
        {
            stop = StopReason.EpochBudget;
        }

        State.Trials[index] = trial with
        {
            // The checkpoint's path is kept once, in ResumePoints, not in every epoch of the curve.
            Epochs = [.. trial.Epochs, _names.Share(metrics with { ResumeCheckpoint = null })],
            StopRequested = stop,
            ResumePoints = metrics.ResumeCheckpoint is { } saved ? AttemptCurve.KeepNewest(trial.ResumePoints, new ResumePoint(saved, metrics.Epoch)) : trial.ResumePoints,
        };
        if (stop == StopReason.None && metrics.Epoch < Spec.Budget.MaxEpochs && _scheduler is PbtScheduler pbt && pbt.IsInterval(metrics.Epoch))
        {
            stop = PbtStep(index, pbt, metrics.Epoch);
            State.Trials[index] = State.Trials[index] with { StopRequested = stop };
        }

        _leaseDeadlines[trial.Number] = now + _policy.LeaseDuration;
        State.Revision++;
        if (IsOverEpochBudget())
        {
            // The other running trials stop at their next report, queued ones never start.
            StopOpenTrials(StopReason.EpochBudget, now);
        }

        return stop == StopReason.None ? LeaseDirective.Continue : LeaseDirective.Stop;
    }

    /// <summary>
    /// Records how an attempt ended. Returns false (and changes nothing) for an attempt that is no
    /// longer current: its lease expired and the trial was re-queued, or it already finished.
    /// </summary>
    public bool Finish(TrialKey key, TrialFinish finish, DateTime now)
    {
        if (key.Retrain)
        {
            var recorded = _retrains.Finish(key, finish, now);
            _trialsReturned |= recorded;
            CheckCompletion(now);
            return recorded;
        }

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

            // Told to stop (budget, time) as it reported its last epoch: it trained in full.
            TrialOutcome.Stopped when trial.Epochs.Length >= Spec.Budget.MaxEpochs => TrialStatus.Completed,
            TrialOutcome.Stopped => trial.StopRequested switch
            {
                StopReason.Pruned => TrialStatus.Pruned,
                StopReason.Paused => TrialStatus.Paused,
                StopReason.Cancelled or StopReason.TimeLimit or StopReason.EpochBudget => TrialStatus.Cancelled,
                // The trainer stopped on its own (its silo is shutting down): run it again elsewhere.
                _ => TrialStatus.Pending,
            },
            _ => finish.Retryable && Failures(trial) < _policy.MaxAttempts ? TrialStatus.Pending : TrialStatus.Failed,
        };

        State.Revision++;
        _trialsReturned = true;
        if (status == TrialStatus.Paused)
        {
            // Not finished: the searcher hears of it when it ends; its slot takes other work.
            _leaseDeadlines.Remove(trial.Number);
            State.Trials[index] = Paused(trial, finish.CheckpointPath ?? trial.CheckpointPath, finish.Test ?? trial.Test);
            CheckCompletion(now);
            return true;
        }

        if (status == TrialStatus.Pending)
        {
            var why = finish.Outcome == TrialOutcome.Stopped ? RequeueReason.Stopped : RequeueReason.Failed;
            State.Trials[index] = Requeue(trial, now, why, finish.Message ?? ReasonNames.Of(why));
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
            FinishOrder = ++State.FinishedCount,
        };
        State.Trials[index] = trial;
        _leaseDeadlines.Remove(trial.Number);
        _searcher.Observe(ToObservation(trial));
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
        State.EndReason = SweepEndReason.Cancelled;
        State.FinishedUtc = now;
        StopOpenTrials(StopReason.Cancelled, now);
        _retrains.Cancel(now);
        if (wasPaused)
        {
            _retrains.Interrupted(now, cancelled: true);
            // Their trainers went away with the paused process: no one will report them finished.
            for (var i = FirstOpen(); i < State.Trials.Count; i++)
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
        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            if (State.Trials[i].Status == TrialStatus.Running)
            {
                State.Trials[i] = Requeue(State.Trials[i], now, RequeueReason.Interrupted, $"{ReasonNames.Of(RequeueReason.Interrupted)} on {State.Trials[i].SlotId}");
            }
        }

        _retrains.Interrupted(now, cancelled: false);
        CheckCompletion(now);
    }

    /// <summary>Expires stale leases and applies the time limit; the grain calls this on a timer.</summary>
    public void Tick(DateTime now)
    {
        _lastTick = now;
        if (State.Status == SweepStatus.Paused)
        {
            // Nobody trains a paused sweep: its leases are settled by Resume or Cancel, not by time.
            return;
        }

        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            var trial = State.Trials[i];
            if (trial.Status != TrialStatus.Running)
            {
                continue;
            }

            if (!_leaseDeadlines.TryGetValue(trial.Number, out var deadline))
            {
                // Running when this book was built from stored state: its trainer gets a whole lease to speak up.
                _leaseDeadlines[trial.Number] = now + _policy.LeaseDuration;
            }
            else if (deadline < now)
            {
                _trialsReturned = true;
                State.LeaseExpiries++;
                State.Revision++;
                State.Trials[i] = State.Status == SweepStatus.Running && trial.StopRequested is StopReason.None or StopReason.Paused
                    ? Requeue(trial, now, RequeueReason.LeaseExpired, $"{ReasonNames.Of(RequeueReason.LeaseExpired)} on {trial.SlotId}")
                    : Close(trial, TrialStatus.Cancelled, now, $"{ReasonNames.Of(RequeueReason.LeaseExpired)} after the sweep ended");
            }
        }

        _trialsReturned |= _retrains.ExpireLeases(now);

        // The search's budgets bound the search only: retraining runs past them (RetrainQueue).
        if (!_retrains.Started && State.Status == SweepStatus.Running && IsOverTime(now))
        {
            StopOpenTrials(StopReason.TimeLimit, now);
        }
        else if (!_retrains.Started && State.Status == SweepStatus.Running && IsOverEpochBudget())
        {
            StopOpenTrials(StopReason.EpochBudget, now);
        }

        CheckCompletion(now);
    }

    public SweepSnapshot Snapshot() => new(
        State.SweepId, State.Spec, State.Status, State.EndReason, State.CreatedUtc, State.FinishedUtc,
        State.EpochsTrained, State.LeaseExpiries, [.. State.Trials],
        (_searcher as IRoundsSearcher)?.Rounds.ToArray(), Retrains: State.Retrains?.ToArray());

    /// <summary>The sweep for watchers: counts, budget and best, without the trial table.</summary>
    public SweepSummary Summary(string? storeProblem = null) => SweepSummaries.Of(State, FirstOpen(), storeProblem);

    public SweepOverview Overview() => new(State.Spec, (_searcher as IRoundsSearcher)?.Rounds.ToArray());

    /// <summary>Up to <paramref name="count"/> trials from number <paramref name="offset"/> on (fewer at the end of the table).</summary>
    public TrialSlice Page(int offset, int count)
    {
        var total = State.Trials.Count;
        var start = Math.Clamp(offset, 0, total);
        var length = Math.Clamp(count, 0, total - start);
        return new TrialSlice(State.Revision, start, total, State.Trials.GetRange(start, length).ToArray());
    }

    /// <summary>A trial's training seed: fixed by the sweep seed and the trial number, so a re-run repeats it.</summary>
    public int TrialSeed(int trialNumber) => unchecked((Spec.Search.Seed * 1_000_003) + trialNumber);

    /// <summary>
    /// Sends a running trial back to the queue for <paramref name="reason"/>, or fails it when its
    /// attempts are spent; <paramref name="message"/> is what people read about it.
    /// </summary>
    private TrialRecord Requeue(TrialRecord trial, DateTime now, RequeueReason reason, string message)
    {
        if (trial.StopRequested == StopReason.Paused)
        {
            // Told to pause at a rung, then lost before it said it had: paused all the same (its
            // rung epoch and checkpoint are recorded), so it waits for its promotion like the others.
            _leaseDeadlines.Remove(trial.Number);
            return Paused(trial, trial.CheckpointPath, trial.Test);
        }

        if (Failures(trial) >= _policy.MaxAttempts)
        {
            return Close(trial, TrialStatus.Failed, now, $"{message} (after {Failures(trial)} attempts)");
        }

        _leaseDeadlines.Remove(trial.Number);
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

    private static TrialRecord Paused(TrialRecord trial, string? checkpointPath, Dictionary<string, double>? test) => trial with
    {
        Status = TrialStatus.Paused,
        SlotId = null,
        StopRequested = StopReason.None,
        Pauses = trial.Pauses + 1,
        Message = $"paused at epoch {trial.LastEpoch?.Epoch ?? 0}",
        CheckpointPath = checkpointPath,
        Test = test,
    };

    /// <summary>
    /// PBT at an interval epoch: a trial in the bottom quantile takes a top trial's checkpoint of this
    /// epoch and explored parameters (it pauses, and its next attempt continues from there); any
    /// other pauses when trials wait behind it, so a population larger than the slots takes turns.
    /// </summary>
    private StopReason PbtStep(int index, PbtScheduler pbt, int epoch)
    {
        var trial = State.Trials[index];
        var donors = new HashSet<int>();
        for (var i = 0; i < State.Trials.Count; i++)
        {
            if (i != index && State.Trials[i].ResumePoints?.Any(p => p.Epoch == epoch) == true)
            {
                donors.Add(i);
            }
        }

        if (pbt.Exploit(trial.Number, epoch, donors) is { } donor)
        {
            var parameters = pbt.Explore(trial.Number, epoch, State.Trials[donor].Parameters);
            State.Trials[index] = trial with
            {
                InitialParameters = trial.InitialParameters ?? trial.Parameters,
                Parameters = parameters,
                Lineage = [.. trial.Lineage ?? [], new LineageStep(epoch, donor, parameters)],
                ResumePoints = [State.Trials[donor].ResumePoints!.First(p => p.Epoch == epoch)],
            };
            return StopReason.Paused;
        }

        // Taking turns costs nothing only from a checkpoint of this epoch; without one (a trainer
        // that saves none) the trial keeps its slot rather than start over when its turn comes.
        var othersWait = (!State.SearchExhausted && State.Trials.Count < Spec.Budget.Trials)
            || CountOpen(t => t.Status == TrialStatus.Pending || (t.Status == TrialStatus.Paused && (t.LastEpoch?.Epoch ?? 0) < epoch)) > 0;
        return othersWait && trial.ResumePoints?.Any(p => p.Epoch == epoch) == true ? StopReason.Paused : StopReason.None;
    }

    /// <summary>Readies the paused trial the scheduler promotes now (its next attempt resumes from its checkpoint); its index, or -1.</summary>
    private int Promote()
    {
        if (NextPromotion() is not { } index)
        {
            return -1;
        }

        var paused = State.Trials[index];
        State.Trials[index] = paused with
        {
            Status = TrialStatus.Pending,
            Attempt = paused.Attempt + 1,
            Promotions = paused.Promotions + 1,
            Epochs = CarriedEpochs(paused),
            StopRequested = StopReason.None,
            Message = null,
        };
        return index;
    }

    /// <summary>The attempts that count against the retry limit: all but those that began with a promotion.</summary>
    private static int Failures(TrialRecord trial) => trial.Attempt - trial.Promotions;

    /// <summary>The paused trial the scheduler promotes now, as an index into the table; null when none.</summary>
    private int? NextPromotion()
    {
        if (_scheduler is not IPausingScheduler pausing)
        {
            return null;
        }

        Dictionary<int, int>? paused = null;
        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            if (State.Trials[i] is { Status: TrialStatus.Paused, LastEpoch: { } last } trial)
            {
                (paused ??= [])[trial.Number] = last.Epoch;
            }
        }

        return paused is null ? null : pausing.NextPromotion(paused);
    }

    /// <summary>
    /// Ends the paused trials when nothing can promote them any more: nothing runs or waits, no new
    /// trial can start, and none of them is promotable. They end pruned at the rung they reached.
    /// </summary>
    private void SettlePaused(DateTime now)
    {
        if (State.Status != SweepStatus.Running
            || CountOpen(t => t.Status is TrialStatus.Running or TrialStatus.Pending) > 0
            || !(State.SearchExhausted || State.Trials.Count >= Spec.Budget.Trials)
            || NextPromotion() is not null)
        {
            return;
        }

        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            if (State.Trials[i].Status == TrialStatus.Paused)
            {
                State.Revision++;
                State.Trials[i] = Close(State.Trials[i], TrialStatus.Pruned, now, $"paused at epoch {State.Trials[i].LastEpoch?.Epoch ?? 0}, never promoted");
            }
        }
    }

    /// <summary>
    /// The epochs the next attempt keeps: those its newest checkpoint covers, when the sweep resumes
    /// trials; none when it does not (the attempt starts at epoch 1).
    /// </summary>
    private EpochMetrics[] CarriedEpochs(TrialRecord trial) =>
        Checkpoints.Resume ? AttemptCurve.Carried(trial.Epochs, trial.ResumePoints) : [];

    /// <summary>
    /// Marks where the current attempt's curve starts: recorded epochs and checkpoints at or after
    /// <paramref name="firstEpoch"/> are dropped, and a start past epoch 1 on a later attempt is a resume.
    /// </summary>
    private static TrialRecord StartAttemptCurve(TrialRecord trial, int firstEpoch) => trial with
    {
        AttemptFirstEpoch = firstEpoch,
        Epochs = AttemptCurve.Before(trial.Epochs, firstEpoch),
        ResumedFrom = AttemptCurve.ResumedFrom(trial.ResumedFrom, trial.Attempt, firstEpoch),
        ResumePoints = AttemptCurve.PointsBefore(trial.ResumePoints, firstEpoch),
    };

    /// <summary>Ends a trial the trainer did not finish; the searcher hears of it, as of every finished trial.</summary>
    private TrialRecord Close(TrialRecord trial, TrialStatus status, DateTime now, string message)
    {
        _leaseDeadlines.Remove(trial.Number);
        var closed = trial with
        {
            Status = status,
            EndedUtc = now,
            Message = message,
            FinishOrder = ++State.FinishedCount,
        };
        _searcher.Observe(ToObservation(closed));
        return closed;
    }

    private void StopOpenTrials(StopReason reason, DateTime now)
    {
        if (CountOpen(t => t.Status is TrialStatus.Pending or TrialStatus.Paused || (t.Status == TrialStatus.Running && t.StopRequested == StopReason.None)) > 0)
        {
            State.Revision++;
        }

        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            var trial = State.Trials[i];
            if (trial.Status is TrialStatus.Pending or TrialStatus.Paused)
            {
                State.Trials[i] = Close(trial, TrialStatus.Cancelled, now, ReasonNames.Of(reason switch
                {
                    StopReason.TimeLimit => SweepEndReason.TimeLimit,
                    StopReason.EpochBudget => SweepEndReason.EpochBudget,
                    _ => SweepEndReason.Cancelled,
                }));
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

        var suggestion = _searcher.Suggest(State.Trials.Count, InFlight());

        // A searcher that waits with nothing in flight would wait forever: that ends the search.
        if (suggestion.Kind == SuggestionKind.Exhausted
            || (suggestion.Kind == SuggestionKind.Wait && FirstOpen() == State.Trials.Count))
        {
            State.SearchExhausted = true;
            State.Revision++;
            return -1;
        }

        if (suggestion.Kind == SuggestionKind.Wait)
        {
            // Not now: no trial, not exhausted; the next slot that asks for work asks again.
            return -1;
        }

        State.Revision++;
        State.Trials.Add(TrialRecord.CreatePending(State.Trials.Count, new Dictionary<string, ParamValue>(suggestion.Parameters!)) with
        {
            ProposedBy = suggestion.Source,
        });
        return State.Trials.Count - 1;
    }

    private void CheckCompletion(DateTime now)
    {
        SettlePaused(now);
        if (State.Status != SweepStatus.Running || FirstOpen() < State.Trials.Count)
        {
            return;
        }

        SweepEndReason? reason = null;
        if (IsOverTime(now))
        {
            reason = SweepEndReason.TimeLimit;
        }
        else if (IsOverEpochBudget() && (State.Trials.Count < Spec.Budget.Trials || State.Trials.Any(t => t.StopRequested == StopReason.EpochBudget)))
        {
            // Reached first when it cut the search short: trials never created, or trials stopped.
            reason = SweepEndReason.EpochBudget;
        }
        else if (State.Trials.Count >= Spec.Budget.Trials)
        {
            reason = SweepEndReason.TrialBudget;
        }
        else if (State.SearchExhausted)
        {
            reason = SweepEndReason.SearchExhausted;
        }

        if (reason is not null && Spec.Ensemble is { Retrain: true } ensemble)
        {
            if (!_retrains.Started)
            {
                // The search is over: its best trials train again on training + validation data
                // before the sweep completes (README, "Retrained members"). Its end reason is the
                // search's, kept now: retraining may outlast the time limit without hitting it.
                State.EndReason = reason;
                _retrains.Start(RetrainQueue.Plan(State.Trials, Spec.Objective, ensemble.TopK));
                _trialsReturned = true;
            }

            if (!_retrains.AllFinished)
            {
                return;
            }
        }

        if (reason is not null)
        {
            State.Revision++;
            State.Status = SweepStatus.Completed;
            State.EndReason ??= reason;
            State.FinishedUtc = now;
        }
    }

    /// <summary>
    /// The index of the first trial not finished (the count when all are). Finished is final, so
    /// it only moves forward, and the scans of open trials on every lease and tick cost the width
    /// of the open window, not the length of the table (20,000 trials made them a hot path).
    /// </summary>
    private int FirstOpen()
    {
        if (_firstOpen > State.Trials.Count)
        {
            _firstOpen = 0;
        }

        while (_firstOpen < State.Trials.Count && State.Trials[_firstOpen].Status.IsFinished())
        {
            _firstOpen++;
        }

        return _firstOpen;
    }

    private int CountOpen(Func<TrialRecord, bool> predicate)
    {
        var count = 0;
        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            count += predicate(State.Trials[i]) ? 1 : 0;
        }

        return count;
    }

    private bool IsOverTime(DateTime now) => Spec.Budget.TimeLimit is { } limit && now - State.CreatedUtc >= limit;

    private bool IsOverEpochBudget() => Spec.Budget.Epochs is { } epochs && State.EpochsTrained >= epochs;

    private int FindCurrent(TrialKey key)
    {
        if (key.SweepId != State.SweepId || key.TrialNumber < 0 || key.TrialNumber >= State.Trials.Count)
        {
            return -1;
        }

        var trial = State.Trials[key.TrialNumber];
        return trial.Status == TrialStatus.Running && trial.Attempt == key.Attempt ? key.TrialNumber : -1;
    }

    /// <summary>
    /// Rebuilds the searcher and scheduler from the recorded trials after a (re)activation. A
    /// searcher's state is a function of its observations in order (suggesting changes nothing), so
    /// the finished trials are observed again in the order they finished. A scheduler keys its
    /// state by trial and epoch, so every recorded epoch, running trials' included, is reported again.
    /// </summary>
    private void Replay()
    {
        foreach (var trial in State.Trials.Where(t => t.FinishOrder > 0).OrderBy(t => t.FinishOrder))
        {
            _searcher.Observe(ToObservation(trial));
        }

        foreach (var trial in State.Trials)
        {
            foreach (var epoch in trial.Epochs)
            {
                _scheduler.OnReport(trial.Number, epoch.Epoch, Score(epoch));
            }
        }
    }

    /// <summary>
    /// How a finished trial reads to the searcher: its objective oriented so larger is better;
    /// diverged is the worst verdict; failed and cancelled trials say nothing about their configuration.
    /// </summary>
    private TrialObservation ToObservation(TrialRecord trial)
    {
        double? objective = trial.Status switch
        {
            TrialStatus.Diverged => double.NegativeInfinity,
            TrialStatus.Completed or TrialStatus.Pruned when trial.LastEpoch is { } last => Score(last),
            _ => null,
        };
        return new TrialObservation(trial.Number, trial.Parameters, objective, trial.Epochs.Length, Curve(trial));
    }

    /// <summary>The trials proposed and not finished, with their curves so far: what the searcher should not propose again.</summary>
    private List<PendingTrial> InFlight()
    {
        var inFlight = new List<PendingTrial>();
        for (var i = FirstOpen(); i < State.Trials.Count; i++)
        {
            var trial = State.Trials[i];
            if (!trial.Status.IsFinished())
            {
                inFlight.Add(new PendingTrial(trial.Number, trial.Parameters, Curve(trial)));
            }
        }

        return inFlight;
    }

    /// <summary>The objective at each reported epoch, oriented so that larger is better.</summary>
    private double[] Curve(TrialRecord trial) => trial.Epochs.Select(Score).ToArray();

    /// <summary>An epoch's objective oriented so that larger is better, NaN the worst.</summary>
    private double Score(EpochMetrics metrics)
    {
        double value = metrics.Get(Spec.Objective.Metric) ?? double.NaN;
        return double.IsNaN(value) ? double.NegativeInfinity : Spec.Objective.Mode == ObjectiveMode.Max ? value : -value;
    }
}
