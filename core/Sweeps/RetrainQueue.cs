using HyperSearch.Ensembles;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// The retraining phase of a sweep with <c>ensemble.retrain: true</c>: which trials are retrained,
/// and their leases, reports, retries and ends. <see cref="SweepBook"/> owns one and hands it every
/// key marked <see cref="TrialKey.Retrain"/>; like the book it is free of Orleans and takes the time
/// explicitly. Jobs live in <see cref="SweepState.Retrains"/>, so they persist with the sweep.
/// </summary>
/// <remarks>
/// The search's budgets (trials, epochs, time limit) bound the search only: retraining is what the
/// ensemble costs, counted apart (<see cref="RetrainJob.Curve"/>, not <see cref="SweepState.EpochsTrained"/>).
/// Jobs save resumable checkpoints as trials do (<c>checkpoints:</c>): a lost attempt's next one
/// continues from the newest that reads back, and the curve keeps each epoch once.
/// </remarks>
public sealed class RetrainQueue(SweepState state, SweepPolicy policy)
{
    /// <summary>Lease deadlines of running jobs, by trial number; not persisted, like the book's.</summary>
    private readonly Dictionary<int, DateTime> _deadlines = [];

    private List<RetrainJob> Jobs => state.Retrains ?? [];

    /// <summary>Retraining has begun (the search ended and the spec asks for it).</summary>
    public bool Started => state.Retrains is not null;

    public bool AllFinished => Jobs.All(j => j.Status.IsFinished());

    public bool HasPending => Jobs.Any(j => j.Status == TrialStatus.Pending);

    public int RunningCount => Jobs.Count(j => j.Status == TrialStatus.Running);

    /// <summary>
    /// The jobs for a finished search: its <paramref name="topK"/> best trials that may join the
    /// ensemble (<see cref="EnsembleCandidates"/>), each for the epoch at which its objective was best.
    /// All candidates, not only the members greedy selection keeps: selection needs the validation
    /// images, which the retrained models have trained on.
    /// </summary>
    public static List<RetrainJob> Plan(IEnumerable<TrialRecord> trials, ObjectiveSpec objective, int topK)
    {
        return trials
            .Where(t => EnsembleCandidates.MayJoin(t) && !double.IsPositiveInfinity(t.RankKey(objective)))
            .OrderBy(t => t.RankKey(objective))
            .ThenBy(t => t.Number)
            .Take(topK)
            .Select(t => new RetrainJob(t.Number, BestEpoch(t, objective), TrialStatus.Pending, 1))
            .ToList();
    }

    /// <summary>Starts the phase with <paramref name="jobs"/> (none: nothing to retrain, and the phase is over at once).</summary>
    public void Start(List<RetrainJob> jobs)
    {
        state.Retrains = jobs;
        state.Revision++;
    }

    /// <summary>Marks the next pending job running on <paramref name="slotId"/>; null when none waits.</summary>
    public RetrainJob? Lease(string slotId, DateTime now)
    {
        var index = Jobs.FindIndex(j => j.Status == TrialStatus.Pending);
        if (index < 0)
        {
            return null;
        }

        // The curve keeps what the attempt may resume from (Retry trimmed it); its first report says where it really starts.
        var job = Jobs[index] with { Status = TrialStatus.Running, SlotId = slotId, AttemptFirstEpoch = null, StartedUtc = Jobs[index].StartedUtc ?? now };
        Jobs[index] = job;
        _deadlines[job.TrialNumber] = now + policy.LeaseDuration;
        state.Revision++;
        return job;
    }

    public LeaseDirective Heartbeat(TrialKey key, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        _deadlines[key.TrialNumber] = now + policy.LeaseDuration;
        return Jobs[index].StopRequested ? LeaseDirective.Stop : LeaseDirective.Continue;
    }

    public LeaseDirective Report(TrialKey key, EpochMetrics metrics, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return LeaseDirective.Stop;
        }

        var job = Jobs[index];
        _deadlines[key.TrialNumber] = now + policy.LeaseDuration;
        if (job.AttemptFirstEpoch is null)
        {
            job = StartAttemptCurve(job, metrics.Epoch);
        }
        else if (job.Curve is { Length: > 0 } curve && metrics.Epoch <= curve[^1].Epoch)
        {
            // A duplicate delivery: answer as before, change nothing.
            return job.StopRequested ? LeaseDirective.Stop : LeaseDirective.Continue;
        }

        Jobs[index] = job with
        {
            // The checkpoint's path is kept once, in ResumePoints, not in the curve.
            Curve = [.. job.Curve ?? [], metrics with { ResumeCheckpoint = null }],
            ResumePoints = metrics.ResumeCheckpoint is { } saved ? AttemptCurve.KeepNewest(job.ResumePoints, new ResumePoint(saved, metrics.Epoch)) : job.ResumePoints,
        };
        state.Revision++;
        return job.StopRequested ? LeaseDirective.Stop : LeaseDirective.Continue;
    }

    /// <summary>Records how an attempt ended; false (and nothing changes) for an attempt that is no longer current.</summary>
    public bool Finish(TrialKey key, TrialFinish finish, DateTime now)
    {
        var index = FindCurrent(key);
        if (index < 0)
        {
            return false;
        }

        var job = Jobs[index];
        _deadlines.Remove(job.TrialNumber);
        state.Revision++;
        Jobs[index] = finish.Outcome switch
        {
            TrialOutcome.Completed => Close(job, TrialStatus.Completed, now, finish.Message) with { Test = finish.Test, CheckpointPath = finish.CheckpointPath },
            TrialOutcome.Diverged => Close(job, TrialStatus.Diverged, now, finish.Message),
            TrialOutcome.Stopped when job.StopRequested => Close(job, TrialStatus.Cancelled, now, "cancelled"),
            // Its silo is shutting down: train it again elsewhere.
            TrialOutcome.Stopped => Retry(job, now, finish.Message ?? ReasonNames.Of(RequeueReason.Stopped)),
            _ when finish.Retryable => Retry(job, now, finish.Message ?? ReasonNames.Of(RequeueReason.Failed)),
            _ => Close(job, TrialStatus.Failed, now, finish.Message),
        };
        return true;
    }

    /// <summary>Sends jobs whose lease lapsed back to the queue; true when one went back.</summary>
    public bool ExpireLeases(DateTime now)
    {
        var returned = false;
        for (var i = 0; i < Jobs.Count; i++)
        {
            var job = Jobs[i];
            if (job.Status != TrialStatus.Running)
            {
                continue;
            }

            if (!_deadlines.TryGetValue(job.TrialNumber, out var deadline))
            {
                // Running when the book was rebuilt from stored state: a whole lease to speak up.
                _deadlines[job.TrialNumber] = now + policy.LeaseDuration;
            }
            else if (deadline < now)
            {
                _deadlines.Remove(job.TrialNumber);
                state.LeaseExpiries++;
                state.Revision++;
                var message = $"{ReasonNames.Of(RequeueReason.LeaseExpired)} on {job.SlotId}";
                Jobs[i] = job.StopRequested ? Close(job, TrialStatus.Cancelled, now, message) : Retry(job, now, message);
                returned = true;
            }
        }

        return returned;
    }

    /// <summary>The sweep was cancelled: queued jobs end, running ones stop at their next report.</summary>
    public void Cancel(DateTime now)
    {
        for (var i = 0; i < Jobs.Count; i++)
        {
            Jobs[i] = Jobs[i].Status switch
            {
                TrialStatus.Pending => Close(Jobs[i], TrialStatus.Cancelled, now, "cancelled"),
                TrialStatus.Running => Jobs[i] with { StopRequested = true },
                _ => Jobs[i],
            };
        }
    }

    /// <summary>The process that trained them went away (the sweep paused, then resumed, or was cancelled while paused).</summary>
    public void Interrupted(DateTime now, bool cancelled)
    {
        for (var i = 0; i < Jobs.Count; i++)
        {
            if (Jobs[i].Status == TrialStatus.Running)
            {
                var message = $"{ReasonNames.Of(RequeueReason.Interrupted)} on {Jobs[i].SlotId}";
                Jobs[i] = cancelled ? Close(Jobs[i], TrialStatus.Cancelled, now, message) : Retry(Jobs[i], now, message);
            }
        }
    }

    /// <summary>The first epoch at which <paramref name="trial"/>'s objective was at its best: the epoch its checkpoint kept.</summary>
    private static int BestEpoch(TrialRecord trial, ObjectiveSpec objective)
    {
        var sign = objective.Mode == ObjectiveMode.Max ? 1.0 : -1.0;
        var best = trial.Epochs
            .Where(e => e.Get(objective.Metric) is { } v && !double.IsNaN(v))
            .OrderByDescending(e => sign * e.Get(objective.Metric)!.Value)
            .ThenBy(e => e.Epoch)
            .FirstOrDefault();
        return best?.Epoch ?? Math.Max(1, trial.Epochs.Length);
    }

    /// <summary>Queues the job again; the next attempt keeps the epochs its newest resumable checkpoint covers (none: it starts at epoch 1).</summary>
    private RetrainJob Retry(RetrainJob job, DateTime now, string message)
    {
        _deadlines.Remove(job.TrialNumber);
        return job.Attempt >= policy.MaxAttempts
            ? Close(job, TrialStatus.Failed, now, $"{message} (after {job.Attempt} attempts)")
            : job with { Status = TrialStatus.Pending, Attempt = job.Attempt + 1, SlotId = null, Curve = AttemptCurve.Carried(job.Curve ?? [], job.ResumePoints), Message = message };
    }

    /// <summary>
    /// The current attempt's first report: epochs and checkpoints at or after <paramref name="firstEpoch"/>
    /// are dropped (it fell back to an older checkpoint, or started over), and a start past epoch 1 on a
    /// later attempt is a resume.
    /// </summary>
    private static RetrainJob StartAttemptCurve(RetrainJob job, int firstEpoch) => job with
    {
        AttemptFirstEpoch = firstEpoch,
        Curve = AttemptCurve.Before(job.Curve ?? [], firstEpoch),
        ResumePoints = AttemptCurve.PointsBefore(job.ResumePoints, firstEpoch),
        ResumedFrom = AttemptCurve.ResumedFrom(job.ResumedFrom, job.Attempt, firstEpoch),
    };

    private RetrainJob Close(RetrainJob job, TrialStatus status, DateTime now, string? message)
    {
        _deadlines.Remove(job.TrialNumber);
        return job with { Status = status, SlotId = null, EndedUtc = now, Message = message, StopRequested = false };
    }

    private int FindCurrent(TrialKey key) =>
        key.SweepId != state.SweepId
            ? -1
            : Jobs.FindIndex(j => j.TrialNumber == key.TrialNumber && j.Attempt == key.Attempt && j.Status == TrialStatus.Running);
}
