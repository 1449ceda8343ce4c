using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Data;

/// <summary>
/// The explorer's copy of one sweep, shared by every page and browser that looks at it. While anyone
/// watches, one long poll (<see cref="ISweepGrain.WatchSummary"/>) follows the sweep, and each change
/// fetches only the trials that may have changed (<see cref="TrialMirror"/>): however many tabs are
/// open, the sweep serves one watcher.
/// </summary>
public sealed class SweepFeed(IGrainFactory grains, string sweepId, CancellationToken stopping = default)
{
    private static readonly TimeSpan WatchWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// At most one update a second: a person reads no faster, and a sweep of zero-length trials
    /// changes thousands of times a second (measured: following every change halved the bench's
    /// epoch-report rate on 2 cores, the browser and the renders competing with the silo).
    /// </summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Beyond <see cref="MinInterval"/>, the gap after an update is this many times what the update
    /// cost here (fetching the trials, rendering the body): the explorer takes at most about a tenth
    /// of a core from the silos it watches, however large the sweep. (With a 1 s gap, following a
    /// 20,000-trial sweep of zero-length trials cost the bench 60% of its trial rate on 2 cores.)
    /// </summary>
    private const double CostFactor = 10;

    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);

    private TimeSpan _lastRenderCost;
    private CancellationTokenSource _gap = new();

    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly TrialMirror _mirror = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SweepData? _data;
    private int _watchers;
    private Task? _loop;

    private readonly Dictionary<string, (long Version, string Html)> _rendered = [];

    public string SweepId { get; } = sweepId;

    /// <summary>
    /// A rendering of the sweep at its current version, made once per version and kept: every tab
    /// that follows the sweep asks for the same body after each change, and a 10,000-trial body
    /// (charts, importance) costs far more to make than to send.
    /// </summary>
    public string Rendered(SweepData data, string key, Func<SweepData, string> render)
    {
        lock (_rendered)
        {
            if (_rendered.TryGetValue(key, out var cached) && cached.Version == data.Summary.Version)
            {
                return cached.Html;
            }
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var html = render(data);
        _lastRenderCost = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        lock (_rendered)
        {
            if (_rendered.Count > 16)
            {
                _rendered.Clear(); // a few pairs of axes per sweep are kept; more are rare
            }

            _rendered[key] = (data.Summary.Version, html);
        }

        return html;
    }

    private ISweepGrain Sweep => grains.GetGrain<ISweepGrain>(SweepId);

    /// <summary>The sweep as of now: brought up to date first (one short call when nothing changed).</summary>
    public async Task<SweepData> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_loop is not null && _data is { } followed)
            {
                return followed; // the long poll keeps it current (within MinInterval): no call for it
            }
        }

        var summary = await Sweep.WatchSummary(_data?.Summary.Version ?? -1, TimeSpan.Zero);
        var data = await ApplyAsync(summary, cancellationToken);
        if (data.Ensemble is null && await LatestEnsembleAsync(data.Summary, data.Overview) is { } ensemble)
        {
            // Built after the sweep completed (run builds it then), which moves no version.
            _data = data = data with { Ensemble = ensemble };
        }

        return data;
    }

    /// <summary>Ends the pause between updates now: someone acted on the sweep (Cancel, Pause, Resume) and waits to see it.</summary>
    public void Nudge()
    {
        lock (_gate)
        {
            _gap.Cancel();
        }
    }

    /// <summary>Only the summary (the sweeps page): no trials are fetched.</summary>
    public Task<SweepSummary> SummaryAsync(CancellationToken cancellationToken) =>
        _data is { Summary.IsFinished: true } done ? Task.FromResult(done.Summary) : Sweep.WatchSummary(-1, TimeSpan.Zero).WaitAsync(cancellationToken);

    /// <summary>Completes when the sweep changes next (for server-sent events); keeps the long poll going meanwhile.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
            _watchers++;
            _loop ??= Task.Run(WatchLoopAsync, CancellationToken.None);
        }

        try
        {
            await changed.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _watchers--;
            }
        }
    }

    private async Task WatchLoopAsync()
    {
        // Ends a few seconds after the last watcher left; the next one starts it again.
        var idle = 0;
        while (!stopping.IsCancellationRequested)
        {
            lock (_gate)
            {
                idle = _watchers == 0 ? idle + 1 : 0;
                if (idle > 2)
                {
                    _loop = null;
                    return;
                }
            }

            try
            {
                var summary = await Sweep.WatchSummary(_data?.Summary.Version ?? -1, WatchWait);
                var before = _data?.Summary.Version;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await ApplyAsync(summary, CancellationToken.None);
                if (summary.Version != before)
                {
                    var cost = System.Diagnostics.Stopwatch.GetElapsedTime(started) + _lastRenderCost;
                    var gap = TimeSpan.FromTicks(Math.Clamp((long)(cost.Ticks * CostFactor), MinInterval.Ticks, MaxInterval.Ticks));
                    CancellationTokenSource nudge;
                    lock (_gate)
                    {
                        // Disposed here, under the lock Nudge cancels under: a linked source registers on `stopping` until disposed.
                        _gap.Dispose();
                        nudge = _gap = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    }

                    await Task.Delay(gap, nudge.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    stopping.ThrowIfCancellationRequested();
                }
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                // The cluster is away (a silo restarting): pages show the last copy; try again shortly.
                await Task.Delay(WatchWait, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception)
            {
                break; // the explorer is stopping (its cluster may be gone already)
            }
        }

        lock (_gate)
        {
            _loop = null;
        }
    }

    private async Task<SweepData> ApplyAsync(SweepSummary summary, CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            if (_data is { } known && known.Summary.Version == summary.Version && known.Summary.StoreProblem == summary.StoreProblem)
            {
                return known;
            }

            var changedTable = _data is null || _data.Summary.Version != summary.Version;
            if (changedTable)
            {
                await _mirror.SyncAsync(Sweep.GetTrials, summary.TrialCount);
            }

            // The spec never changes; only coarse-to-fine has rounds, which change as trials finish.
            var overview = _data?.Overview is { Rounds: null } same ? same : await Sweep.GetOverview();
            var ensemble = _data?.Ensemble ?? await LatestEnsembleAsync(summary, overview);
            _data = new SweepData(summary, overview, _mirror.Trials.ToArray(), ensemble);
            TaskCompletionSource changed;
            lock (_gate)
            {
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            return _data;
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task<EnsembleReport?> LatestEnsembleAsync(SweepSummary summary, SweepOverview overview)
    {
        if (summary.Status != SweepStatus.Completed || overview.Spec?.Ensemble is null)
        {
            return null;
        }

        try
        {
            return await grains.GetGrain<IEnsembleGrain>(SweepId).GetLatest();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException)
        {
            return null; // no ensemble to show; the sweep page says none was built
        }
    }
}
