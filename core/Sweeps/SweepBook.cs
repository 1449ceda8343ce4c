using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps.Book;

namespace HyperSearch.Sweeps;

/// <summary>
/// The sweep's bookkeeping, free of Orleans: the trial table, leases, epoch reports, retries and
/// the end of the sweep. The sweep grain owns one, feeds it events in the order it receives them
/// and persists <see cref="State"/> after every change. Every method takes the time explicitly so
/// tests drive lease expiry without waiting.
/// </summary>
/// <remarks>
/// A facade: each event goes to the part whose job it is (<see cref="LeaseDesk"/>,
/// <see cref="EpochReports"/>, <see cref="TrialFinishes"/>, <see cref="SweepControl"/>,
/// <see cref="LeaseExpiry"/>, <see cref="SweepViews"/>), and those share the rules of
/// <see cref="TrialTable"/>, <see cref="TrialLifecycle"/>, <see cref="SearcherLink"/>,
/// <see cref="SchedulerHooks"/> and <see cref="SweepCompletion"/>.
/// </remarks>
public sealed class SweepBook
{
    private readonly TrialTable _table;
    private readonly OfferSignal _offers = new();
    private readonly LeaseDesk _desk;
    private readonly EpochReports _reports;
    private readonly TrialFinishes _finishes;
    private readonly SweepControl _control;
    private readonly LeaseExpiry _expiry;
    private readonly SweepViews _views;

    public SweepBook(SweepState state, SweepPolicy policy)
    {
        if (state.Spec is null)
        {
            throw new ArgumentException("the sweep has no spec", nameof(state));
        }

        State = state;
        _table = new TrialTable(state);
        var leases = new LeaseDeadlines(policy.LeaseDuration);
        var retrains = new RetrainQueue(state, policy);
        var searcher = new SearcherLink(_table, SearcherFactory.Create(state.Spec, state.WarmStart?.Select(w => w.ToObservation()).ToList()));
        var lifecycle = new TrialLifecycle(_table, leases, searcher, policy);
        var hooks = new SchedulerHooks(_table, SchedulerFactory.Create(state.Spec), lifecycle);
        var completion = new SweepCompletion(_table, hooks, retrains, _offers);
        _expiry = new LeaseExpiry(_table, leases, lifecycle, retrains, _offers, completion);
        _desk = new LeaseDesk(_table, leases, searcher, hooks, _expiry, completion, retrains, policy);
        _reports = new EpochReports(_table, leases, hooks, lifecycle, retrains, new MetricNameTable());
        _finishes = new TrialFinishes(_table, lifecycle, completion, retrains, _offers);
        _control = new SweepControl(_table, lifecycle, completion, retrains);
        _views = new SweepViews(_table, searcher);

        // After a (re)activation the searcher and the scheduler are rebuilt from the recorded trials.
        searcher.Replay();
        hooks.Replay();
    }

    public SweepState State { get; }

    /// <summary>Starts a new sweep's state.</summary>
    /// <param name="warmStart">The earlier trials it starts from (<see cref="WarmStartSelection"/>); null: none.</param>
    public static SweepState NewState(string sweepId, SweepSpec spec, DateTime now, List<WarmObservation>? warmStart = null) => new()
    {
        SweepId = sweepId,
        Spec = spec,
        Status = SweepStatus.Running,
        CreatedUtc = now,
        WarmStart = warmStart is { Count: > 0 } ? warmStart : null,
    };

    /// <summary>Hands the next trial to <paramref name="slotId"/>, or null when there is none for it now.</summary>
    public TrialLease? Lease(string slotId, DateTime now)
    {
        var lease = _desk.Lease(slotId, now);
        if (lease is null)
        {
            _offers.TurnedAway();
        }

        return lease;
    }

    /// <summary>A slot was turned away without asking the book (the grain leases nothing while its store fails).</summary>
    public void NoteTurnedAway() => _offers.TurnedAway();

    /// <summary>Trials may be leased again for a reason outside the book (the grain's store works again).</summary>
    public void NoteTrialsReturned() => _offers.TrialsReturned();

    /// <summary>
    /// True once each time slots were turned away and, since, a trial came back that a slot could
    /// lease now: the sweep then has the registry offer itself again (<see cref="OfferSignal"/>).
    /// </summary>
    public bool TakeOfferDue(DateTime now) => _offers.TakeDue(() => _desk.MayLease(now));

    /// <summary>Extends the lease of a running attempt; Stop when the attempt is no longer current or must end.</summary>
    public LeaseDirective Heartbeat(TrialKey key, DateTime now) => _reports.Heartbeat(key, now);

    /// <summary>Records an epoch of a running attempt and decides whether the trial goes on.</summary>
    public LeaseDirective Report(TrialKey key, EpochMetrics metrics, DateTime now) => _reports.Report(key, metrics, now);

    /// <summary>
    /// Records how an attempt ended. Returns false (and changes nothing) for an attempt that is no
    /// longer current: its lease expired and the trial was re-queued, or it already finished.
    /// </summary>
    public bool Finish(TrialKey key, TrialFinish finish, DateTime now) => _finishes.Finish(key, finish, now);

    /// <summary>Ends the sweep: queued trials are cancelled, running ones are told to stop at their next report.</summary>
    public void Cancel(DateTime now) => _control.Cancel(now);

    /// <summary>Holds the sweep: no new leases until <see cref="Resume"/> (the process that trained it went away).</summary>
    public void Pause(DateTime now) => _control.Pause();

    /// <summary>Continues a paused sweep; trials that were running when it paused go back to the queue.</summary>
    public void Resume(DateTime now) => _control.Resume(now);

    /// <summary>Expires stale leases and applies the time limit; the grain calls this on a timer.</summary>
    public void Tick(DateTime now) => _expiry.Tick(now);

    public SweepSnapshot Snapshot() => _views.Snapshot();

    /// <summary>The sweep for watchers: counts, budget and best, without the trial table.</summary>
    public SweepSummary Summary(string? storeProblem = null) => _views.Summary(storeProblem);

    public SweepOverview Overview() => _views.Overview();

    /// <summary>Up to <paramref name="count"/> trials from number <paramref name="offset"/> on (fewer at the end of the table).</summary>
    public TrialSlice Page(int offset, int count) => _views.Page(offset, count);

    /// <summary>A trial's training seed: fixed by the sweep seed and the trial number, so a re-run repeats it.</summary>
    public int TrialSeed(int trialNumber) => _table.TrialSeed(trialNumber);
}
