using System.Diagnostics;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// Spans of training: one "trial" span per attempt, on the trial's own thread, with one "epoch"
/// child per reported epoch. Exported when an OTLP endpoint is configured. Unlike metric tags,
/// span attributes may name the sweep id, the trial and its attempt.
/// </summary>
public static class HyperSearchTracing
{
    public const string SourceName = "HyperSearch";
    public const string TrialSpan = "trial";
    public const string EpochSpan = "epoch";

    public const string SweepIdAttribute = "hypersearch.sweep.id";
    public const string TrialAttribute = "hypersearch.trial";
    public const string AttemptAttribute = "hypersearch.attempt";
    public const string OutcomeAttribute = "hypersearch.outcome";
    public const string EpochAttribute = "hypersearch.epoch";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one attempt. Call it first on the trial's thread: the thread inherited the
    /// grain turn's context, and a trial is a trace of its own, not a child of a timer tick.
    /// </summary>
    public static Activity? StartTrial(TrialKey key)
    {
        Activity.Current = null;
        var activity = Source.StartActivity(TrialSpan, ActivityKind.Internal);
        activity?.SetTag(SweepIdAttribute, key.SweepId);
        activity?.SetTag(TrialAttribute, TrialRecord.IdFor(key.TrialNumber));
        activity?.SetTag(AttemptAttribute, key.Attempt);
        return activity;
    }

    /// <summary>Records a finished epoch as a child span of the current trial span, timed by the trainer.</summary>
    public static void RecordEpoch(int epoch, double seconds, IReadOnlyDictionary<string, double> metrics, double samplesPerSecond)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var end = DateTimeOffset.UtcNow;
        using var activity = Source.StartActivity(EpochSpan, ActivityKind.Internal, parentContext: default, startTime: end - TimeSpan.FromSeconds(seconds));
        if (activity is null)
        {
            return;
        }

        activity.SetTag(EpochAttribute, epoch);
        foreach (var (name, value) in metrics)
        {
            // The trainer's own metric names (a handful per trainer, not unbounded values).
            activity.SetTag($"hypersearch.{name}", value);
        }

        activity.SetTag("hypersearch.samples_per_second", samplesPerSecond);
        activity.SetEndTime(end.UtcDateTime);
    }

    /// <summary>Ends a trial span with how the attempt ended.</summary>
    public static void EndTrial(Activity? activity, TrialFinish finish)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OutcomeAttribute, finish.Outcome.ToWireName());
        if (finish.Outcome == TrialOutcome.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, finish.Message);
        }

        activity.Dispose();
    }
}
