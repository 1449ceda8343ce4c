using System.Diagnostics;
using System.Diagnostics.Metrics;
using HyperSearch.Silo.Training;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// HyperSearch's own metrics: one meter, "HyperSearch", per silo (created through the host's
/// <see cref="IMeterFactory"/>). Prometheus sees dots as underscores, counters with a _total suffix
/// and histograms in seconds with a _seconds suffix (hypersearch_trial_duration_seconds_bucket).
/// <para>
/// Cardinality. Tags are only: <see cref="SweepTag"/>, the sweep's name from its spec (not its id:
/// ids are unique per run, names are chosen by people and reused when a spec is run again, so they
/// grow with the number of distinct experiments, not with runs or trials); <see cref="StatusTag"/>
/// (5 trial end states, 5 sweep states); <see cref="ReasonTag"/> (3 values for the re-queue causes: <see cref="ReasonTagOf"/>);
/// <see cref="CheckTag"/> (sanity checks, 1 so far); <see cref="ObjectiveTag"/> (the objective metric,
/// 3 names). A sweep name adds 16 counter and gauge series on the silo that hosts it, plus its
/// histograms: 18 series for epoch durations and 19 per final status for trial durations (about 130
/// in all). Trial ids, attempts, slot ids and silo addresses never become tags: the silo is the
/// resource (service.instance.id on target_info; Prometheus' instance label).
/// </para>
/// </summary>
public sealed class HyperSearchInstruments
{
    public const string MeterName = "HyperSearch";

    public const string TrialsStartedName = "hypersearch.trials.started";
    public const string TrialsEndedName = "hypersearch.trials.ended";
    public const string TrialsRequeuedName = "hypersearch.trials.requeued";
    public const string LeasesExpiredName = "hypersearch.leases.expired";
    public const string TrialDurationName = "hypersearch.trial.duration";
    public const string EpochsTrainedName = "hypersearch.epochs.trained";
    public const string EpochDurationName = "hypersearch.epoch.duration";
    public const string SanityEventsName = "hypersearch.sanity.events";
    public const string StateWriteDurationName = "hypersearch.sweep.state_write.duration";
    public const string RegistryWriteDurationName = "hypersearch.registry.state_write.duration";
    public const string LeaseWaitName = "hypersearch.slot.lease_wait";
    public const string TrialsQueuedName = "hypersearch.trials.queued";
    public const string TrialsRunningName = "hypersearch.trials.running";
    public const string SweepsName = "hypersearch.sweeps";
    public const string ObjectiveBestName = "hypersearch.objective.best";
    public const string LastProgressName = "hypersearch.sweep.last_progress";
    public const string SlotsTotalName = "hypersearch.slots.total";
    public const string SlotsBusyName = "hypersearch.slots.busy";
    public const string ThroughputName = "hypersearch.training.throughput";

    public const string SecondsUnit = "s";
    public const string TrialUnit = "{trial}";
    public const string EpochUnit = "{epoch}";
    public const string LeaseUnit = "{lease}";
    public const string EventUnit = "{event}";
    public const string SweepUnit = "{sweep}";
    public const string SlotUnit = "{slot}";
    public const string ThroughputUnit = "{sample}/s";

    public const string SweepTag = "sweep";
    public const string StatusTag = "status";
    public const string ReasonTag = "reason";
    public const string CheckTag = "check";
    public const string ObjectiveTag = "objective";

    public const string ReasonLeaseExpired = "lease_expired";
    public const string ReasonInterrupted = "interrupted";
    public const string ReasonRetry = "retry";
    public const string CheckDivergence = "divergence";

    private static readonly double[] TrialSeconds = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800];
    private static readonly double[] EpochSeconds = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly double[] WriteSeconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _trialsStarted;
    private readonly Counter<long> _trialsEnded;
    private readonly Counter<long> _trialsRequeued;
    private readonly Counter<long> _leasesExpired;
    private readonly Histogram<double> _trialDuration;
    private readonly Counter<long> _epochsTrained;
    private readonly Histogram<double> _epochDuration;
    private readonly Counter<long> _sanityEvents;
    private readonly Histogram<double> _stateWriteDuration;
    private readonly Histogram<double> _registryWriteDuration;
    private readonly Histogram<double> _leaseWait;

    public HyperSearchInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _trialsStarted = meter.CreateCounter<long>(TrialsStartedName, TrialUnit, "Trial attempts handed to a trainer slot (a re-queued trial starts again)");
        _trialsEnded = meter.CreateCounter<long>(TrialsEndedName, TrialUnit, "Trials that reached a final status: completed, pruned, diverged, failed, cancelled");
        _trialsRequeued = meter.CreateCounter<long>(TrialsRequeuedName, TrialUnit, "Running trials sent back to the queue (attempt + 1)");
        _leasesExpired = meter.CreateCounter<long>(LeasesExpiredName, LeaseUnit, "Leases whose trainer slot stopped heartbeating");
        _trialDuration = meter.CreateHistogram(TrialDurationName, SecondsUnit, "Time from a trial's first start to its final status", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TrialSeconds });
        _epochsTrained = meter.CreateCounter<long>(EpochsTrainedName, EpochUnit, "Epochs reported by trainers, lost attempts included");
        _epochDuration = meter.CreateHistogram(EpochDurationName, SecondsUnit, "Wall time of one epoch: training and validation", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EpochSeconds });
        _sanityEvents = meter.CreateCounter<long>(SanityEventsName, EventUnit, "Sanity checks that stopped a trial (check=divergence: NaN or loss above 3x the initial loss)");
        _stateWriteDuration = meter.CreateHistogram(StateWriteDurationName, SecondsUnit, "Time to store a sweep's state: one write carries every change made while the previous one was under way", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteSeconds });
        _registryWriteDuration = meter.CreateHistogram(RegistryWriteDurationName, SecondsUnit, "Time to store the list of sweeps (a sweep started, ended or changed status; a silo's slots joined)", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteSeconds });

        _leaseWait = meter.CreateHistogram(LeaseWaitName, SecondsUnit, "Time an idle trainer slot of this silo waited for its next trial: a lease request, or the finish that brought the next lease", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteSeconds });

        meter.CreateObservableGauge(TrialsQueuedName, () => Sweeps.Measure(s => s.Queued), TrialUnit, "Trials of running sweeps waiting for a slot, budget not yet proposed included");
        meter.CreateObservableGauge(TrialsRunningName, () => Sweeps.Measure(s => s.Running), TrialUnit, "Trials leased to a slot now");
        meter.CreateObservableGauge(SweepsName, Sweeps.MeasureStatuses, SweepUnit, "Sweeps active on this silo by status");
        meter.CreateObservableGauge(ObjectiveBestName, Sweeps.MeasureBest, description: "Best objective value so far (completed trials, else pruned ones)");
        meter.CreateObservableGauge(LastProgressName, Sweeps.MeasureLastProgress, SecondsUnit, "Unix time of the sweep's last progress: a trial started, an epoch reported or a trial ended");
        meter.CreateObservableGauge(SlotsTotalName, () => Slots.Count, SlotUnit, "Trainer slots on this silo");
        meter.CreateObservableGauge(SlotsBusyName, () => Slots.Count(s => s.Current is not null), SlotUnit, "Trainer slots of this silo training a trial now");
        meter.CreateObservableGauge(ThroughputName, () => Slots.Sum(s => s.Current?.SamplesPerSecond ?? 0), ThroughputUnit, "Training samples per second on this silo: the last epoch's rate of every busy slot, added up");
    }

    /// <summary>The sweeps this silo hosts, as the gauges read them.</summary>
    public SweepBoard Sweeps { get; } = new();

    /// <summary>This silo's trainer slots, as the gauges read them (set by its <see cref="TrainerHost"/>).</summary>
    public IReadOnlyList<TrainerSlot> Slots { get; set; } = [];

    /// <summary>
    /// Publishes every counter series a sweep can have at zero, so that rate() and increase() see
    /// its first trial end, failure or expiry (a series that appears at 1 shows no increase) and
    /// panels show 0 rather than no data. Histograms stay empty until a first value.
    /// </summary>
    public void OnSweepActive(string sweep)
    {
        var tags = new TagList { { SweepTag, sweep } };
        _trialsStarted.Add(0, tags);
        _epochsTrained.Add(0, tags);
        _leasesExpired.Add(0, tags);
        foreach (var status in Enum.GetValues<TrialStatus>().Where(s => s.IsFinished()))
        {
            _trialsEnded.Add(0, new TagList { { SweepTag, sweep }, { StatusTag, status.ToWireName() } });
        }

        foreach (var reason in Enum.GetValues<RequeueReason>().Select(ReasonTagOf).Distinct())
        {
            _trialsRequeued.Add(0, new TagList { { SweepTag, sweep }, { ReasonTag, reason } });
        }

        _sanityEvents.Add(0, new TagList { { SweepTag, sweep }, { CheckTag, CheckDivergence } });
    }

    /// <summary>A slot got a lease after <paramref name="waited"/> (no sweep tag: a slot asks by sweep id, and ids are not tags).</summary>
    public void OnLeaseWait(TimeSpan waited) => _leaseWait.Record(waited.TotalSeconds);

    public void OnTrialStarted(string sweep) => _trialsStarted.Add(1, new TagList { { SweepTag, sweep } });

    public void OnTrialEnded(string sweep, TrialStatus status, TimeSpan? duration)
    {
        var tags = new TagList { { SweepTag, sweep }, { StatusTag, status.ToWireName() } };
        _trialsEnded.Add(1, tags);
        if (duration is { } d)
        {
            _trialDuration.Record(Math.Max(0, d.TotalSeconds), tags);
        }

        if (status == TrialStatus.Diverged)
        {
            _sanityEvents.Add(1, new TagList { { SweepTag, sweep }, { CheckTag, CheckDivergence } });
        }
    }

    public void OnTrialRequeued(string sweep, RequeueReason reason) =>
        _trialsRequeued.Add(1, new TagList { { SweepTag, sweep }, { ReasonTag, ReasonTagOf(reason) } });

    /// <summary>
    /// The <see cref="ReasonTag"/> value of a re-queue cause. A failure and a trainer that stopped on
    /// its own share <see cref="ReasonRetry"/>: both are the trainer's own word that the trial should
    /// run again, and one value keeps the dashboards' series as they were.
    /// </summary>
    public static string ReasonTagOf(RequeueReason reason) => reason switch
    {
        RequeueReason.LeaseExpired => ReasonLeaseExpired,
        RequeueReason.Interrupted => ReasonInterrupted,
        RequeueReason.Stopped or RequeueReason.Failed => ReasonRetry,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public void OnLeasesExpired(string sweep, int count) => _leasesExpired.Add(count, new TagList { { SweepTag, sweep } });

    /// <summary>Runs one write of a sweep's state and records how long it took (failed writes included).</summary>
    public Task TimeRegistryWriteAsync(Func<Task> write) => Time(_registryWriteDuration, write);

    public Task TimeStateWriteAsync(Func<Task> write) => Time(_stateWriteDuration, write);

    public void OnEpochsTrained(string sweep, int count) => _epochsTrained.Add(count, new TagList { { SweepTag, sweep } });

    public void OnEpochDuration(string sweep, double seconds) => _epochDuration.Record(Math.Max(0, seconds), new TagList { { SweepTag, sweep } });

    private static async Task Time(Histogram<double> histogram, Func<Task> write)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await write();
        }
        finally
        {
            histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
