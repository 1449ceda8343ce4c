using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Storage;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Training;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Owns one sweep. A thin shell around <see cref="SweepBook"/>: each call applies its events (one,
/// or a silo's batch through <see cref="Exchange"/>) to the book and answers once the state is
/// stored (when the trial table changed). Heartbeats need no wait: they only move lease deadlines,
/// which the book keeps out of the stored table (after a restart every running trial gets a fresh
/// lease instead). Reentrant so that writes are shared: the book changes only within a turn
/// (its methods are synchronous), and the events that arrive while one write is under way are
/// stored together by the next (<see cref="GroupCommit"/>), in pages (<see cref="SweepStore"/>).
/// </summary>
[Reentrant]
public sealed partial class SweepGrain(
    SiloSettings settings,
    HyperSearchInstruments instruments,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private readonly SweepTelemetry _telemetry = new(instruments);
    private SweepState _state = new();
    private SweepStore? _store;
    private GroupCommit? _commit;
    private SweepBook? _book;
    private IGrainTimer? _timer;

    // Set when the stored state exists but cannot be read: every call about the sweep then refuses
    // with it, where starting over would silently rerun (and recount) its finished trials.
    private StateCorruptException? _unreadable;

    // Set while writes of the state fail (a full or read-only disk, a store that is down): no new
    // trial is leased, results stay in the book, and each tick retries the write. Stopping the work
    // bounds what a crash meanwhile could lose; keeping the results means nothing finished is lost.
    private string? _storeProblem;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = new SweepStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweeps), this.GetGrainId());
        _commit = new GroupCommit(WriteAsync);
        SweepState? stored;
        try
        {
            stored = await _store.ReadAsync();
        }
        catch (StateCorruptException e)
        {
            var sweepId = this.GetPrimaryKeyString();
            _unreadable = new StateCorruptException(e.Path, e.Path.StartsWith("redis:", StringComparison.Ordinal)
                ? $"sweep {sweepId} cannot be read: {e.Message}"
                : $"sweep {sweepId} cannot be read: {e.Message}; restore it from a backup, or delete the files named *{sweepId}* under the state directory to drop the sweep");
            LogUnreadable(sweepId, e.Message);
            return;
        }

        if (stored is { Spec: not null })
        {
            // Running trials get a fresh lease from the book (their deadlines are not stored).
            _state = stored;
            _book = new SweepBook(_state, Policy);
            _telemetry.Attach(_state);

            if (_state.Status == SweepStatus.Running)
            {
                // Repairs a start whose listing never got into the registry (the call failed, or the
                // registry's record was lost): a running sweep it does not list is never offered
                // to a slot. Only a running sweep calls: others need nothing now (resume and status
                // changes list them), and slots' last reports reactivate a paused sweep while its
                // silo stops, when a registry call is one the stopping silo may not survive
                // (docs/design.md, "Registry calls at activation"). Unchanged listings cost no write.
                await Registry.Register(Listing());
            }

            StartTimerIfRunning();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _telemetry.Detach();
        return Task.CompletedTask;
    }

    public async Task<SweepSnapshot> Start(SweepSpec spec)
    {
        ThrowIfUnreadable();
        if (_book is not null)
        {
            return _book.Snapshot();
        }

        var sweepId = this.GetPrimaryKeyString();
        var warmStart = await WarmStartSource.GatherAsync(GrainFactory, sweepId, spec);
        if (_book is not null)
        {
            return _book.Snapshot(); // another Start interleaved while the earlier sweeps were read
        }

        _state = SweepBook.NewState(sweepId, spec, DateTime.UtcNow, warmStart);
        _book = new SweepBook(_state, Policy);
        _telemetry.Attach(_state);
        await _commit!.RequestAsync();
        try
        {
            await Registry.Register(Listing());
        }
        catch
        {
            // Stored as running but not listed: this activation goes, and the next one registers
            // the sweep when it reads it (OnActivateAsync), instead of leaving it running unseen.
            DeactivateOnIdle();
            throw;
        }

        StartTimerIfRunning();
        LogStarted(sweepId, spec.Name, spec.Budget.Trials);
        if (spec.WarmStart is { } earlier)
        {
            LogWarmStarted(sweepId, warmStart.Count, earlier.Sweeps.Length);
        }

        return _book.Snapshot();
    }

    public async Task<TrialLease?> Lease(string slotId) => (await Exchange([new SlotMessage(slotId, WantsNext: true)]))[0].Next;

    public async Task<LeaseDirective> Report(TrialKey key, EpochMetrics metrics) =>
        (await Exchange([new SlotMessage(string.Empty, key, Epoch: metrics)]))[0].Directive;

    public async Task<TrialLease?> Finish(TrialKey key, TrialFinish finish, string? nextSlotId = null) =>
        (await Exchange([new SlotMessage(nextSlotId ?? string.Empty, key, Finish: finish, WantsNext: nextSlotId is not null)]))[0].Next;

    public async Task<SlotReply[]> Exchange(SlotMessage[] messages)
    {
        if (_book is null)
        {
            return messages.Select(_ => new SlotReply(LeaseDirective.Stop)).ToArray();
        }

        var before = Fingerprint();
        var now = DateTime.UtcNow;
        var replies = messages.Select(message => Apply(message, now)).ToArray();
        OfferIfDue(now);
        if (_state.Status != before.Status || messages.Any(m => m.Finish is not null || m.WantsNext))
        {
            // A result or a lease: its answer follows the write that stores it.
            await PersistIfChanged(before);
        }
        else if (_state.Revision != before.Revision)
        {
            // Epochs: answered after the write too. A sweep that moved to another silo (its own
            // died) must not forget an epoch that a trainer, told to go on, never reports again: the
            // trial's curve would lack it (the cluster fault loop, bench/fault-loop.sh, caught curves
            // [2, 3]). Concurrent reports share one write (GroupCommit); a failing store does not fail
            // them: they stay in the book until a write succeeds.
            await ObserveAsync(_commit!.RequestAsync());
        }

        return replies;
    }

    public Task<SweepSnapshot> GetSnapshot()
    {
        ThrowIfUnreadable();
        return Task.FromResult(_book is { } book
            ? book.Snapshot() with { StoreProblem = _storeProblem }
            : new SweepSnapshot(this.GetPrimaryKeyString(), null, SweepStatus.Created, null, default, null, 0, 0, []));
    }

    public async Task<SweepSummary> WatchSummary(long knownVersion, TimeSpan maxWait)
    {
        ThrowIfUnreadable();
        // Reentrant: other calls go on while a watcher waits here, and a check is a field read.
        var deadline = DateTime.UtcNow + (maxWait > SummaryWatch.MaxWait ? SummaryWatch.MaxWait : maxWait);
        var summary = Summary();
        while (!SummaryWatch.HasNews(summary, knownVersion) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(SummaryWatch.CheckInterval);
            summary = Summary();
        }

        return summary;
    }

    public Task<TrialSlice> GetTrials(int offset, int count)
    {
        ThrowIfUnreadable();
        return Task.FromResult(_book?.Page(offset, Math.Min(count, SummaryWatch.MaxPage)) ?? new TrialSlice(0, 0, 0, []));
    }

    public Task<SweepOverview> GetOverview()
    {
        ThrowIfUnreadable();
        return Task.FromResult(_book?.Overview() ?? new SweepOverview(null, null));
    }

    private SweepSummary Summary() => _book?.Summary(_storeProblem)
        ?? SweepSummaries.Of(new SweepState { SweepId = this.GetPrimaryKeyString() }, 0);

    public Task<SweepSnapshot> Cancel() => Apply(book => book.Cancel(DateTime.UtcNow));

    public Task<SweepSnapshot> Pause() => Apply(book => book.Pause(DateTime.UtcNow));

    public async Task<SweepSnapshot> Resume()
    {
        var wasRunning = _state.Status == SweepStatus.Running;
        var snapshot = await Apply(book => book.Resume(DateTime.UtcNow));
        if (wasRunning && _book is not null)
        {
            // A status change lists the sweep (PersistIfChanged); a resume of a sweep that was
            // already running lists it too: the registry may have lost it (a rebuilt or restored
            // registry), and an unlisted sweep is never offered to a slot.
            await Registry.Register(Listing());
        }

        StartTimerIfRunning();
        return snapshot;
    }

    public async Task<ExtendOutcome> Extend(ExtendRequest request)
    {
        ThrowIfUnreadable();
        var before = Fingerprint();
        if (SweepExtension.Apply(_state, request, DateTime.UtcNow) is { } refusal)
        {
            return new ExtendOutcome(refusal, await GetSnapshot());
        }

        // Rebuilt as after a restart: the searcher and the scheduler replay the recorded trials
        // under the new budget; running trials keep running and get a fresh lease when next heard.
        _book = new SweepBook(_state, Policy);
        await PersistIfChanged(before);
        if (_state.Status == before.Status)
        {
            // A status change was listed by PersistIfChanged; a running sweep that stays running
            // is listed again here, as a resume is (the registry may have lost it).
            await Registry.Register(Listing());
        }

        StartTimerIfRunning();
        LogExtended(_state.SweepId, request.Trials, _state.Spec!.Budget.Trials);
        return new ExtendOutcome(null, _book.Snapshot());
    }

    /// <summary>Applies one change to the book, then persists it and tells the registry of a new status.</summary>
    private async Task<SweepSnapshot> Apply(Action<SweepBook> change)
    {
        ThrowIfUnreadable();
        if (_book is null)
        {
            return await GetSnapshot();
        }

        var before = Fingerprint();
        change(_book);
        await PersistIfChanged(before);
        return _book.Snapshot();
    }

    private SlotReply Apply(SlotMessage message, DateTime now)
    {
        var directive = message switch
        {
            { Trial: { } trial, Epoch: { } epoch } => _book!.Report(trial, epoch, now),
            { Trial: { } trial, Finish: null } => _book!.Heartbeat(trial, now),
            _ => LeaseDirective.Continue,
        };

        if (message is { Trial: { } finished, Finish: { } finish })
        {
            if (_book!.Finish(finished, finish, now))
            {
                LogFinished(finished.ToString(), finish.Outcome.ToString(), finish.Message ?? "");
            }
            else
            {
                LogStaleFinish(finished.ToString());
            }
        }

        return new SlotReply(directive, message.WantsNext ? LeaseTo(message.SlotId, now) : null);
    }

    private TrialLease? LeaseTo(string slotId, DateTime now)
    {
        if (_storeProblem is not null)
        {
            _book!.NoteTurnedAway();
            return null;
        }

        var lease = _book!.Lease(slotId, now);
        if (lease is not null)
        {
            LogLeased(lease.Key.ToString(), slotId);
        }

        return lease;
    }

    private async Task ObserveAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception e)
        {
            // The next write retries the whole table; a stale activation has already deactivated.
            LogBackgroundWriteFailed(this.GetPrimaryKeyString(), e.Message);
        }
    }

    private SweepPolicy Policy => new(settings.LeaseDuration, settings.MaxAttempts);

    private ISweepRegistryGrain Registry => GrainFactory.GetGrain<ISweepRegistryGrain>(0);

    private SweepListing Listing() => new(_state.SweepId, _state.Spec!.Name, _state.Status, _state.CreatedUtc);

    private void ThrowIfUnreadable()
    {
        if (_unreadable is not null)
        {
            // The next call reads the files again: one restored from a backup meanwhile is used
            // without restarting the silo. Slots' calls (Exchange) do not get here, so polling an
            // unreadable sweep does not reread it every poll.
            DeactivateOnIdle();
            throw _unreadable;
        }
    }

    private void StartTimerIfRunning()
    {
        if (_timer is null && _state.Status == SweepStatus.Running)
        {
            // Keeps the sweep active while it runs and expires leases of slots that went silent.
            var period = settings.HeartbeatPeriod;
            _timer = this.RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    private async Task OnTick(CancellationToken cancellationToken)
    {
        if (_book is null)
        {
            return;
        }

        if (!await _store!.IsCurrentAsync())
        {
            // Another activation wrote this sweep: ours is stale and would keep answering (and
            // leasing) from an old table. Let the next call activate a fresh copy from storage.
            LogSuperseded(this.GetPrimaryKeyString());
            _timer?.Dispose();
            _timer = null;
            DeactivateOnIdle();
            return;
        }

        if (_storeProblem is not null)
        {
            try
            {
                await _commit!.RequestAsync();
                _book.NoteTrialsReturned();
            }
            catch (Exception)
            {
                return; // still failing (WriteAsync logged it); the next tick tries again
            }
        }

        var before = Fingerprint();
        var now = DateTime.UtcNow;
        _book.Tick(now);
        OfferIfDue(now);
        await PersistIfChanged(before);
    }

    /// <summary>Slots it turned away are idle until told: the registry offers the sweep to every silo's idle slots again.</summary>
    private void OfferIfDue(DateTime now)
    {
        if (_storeProblem is null && _book!.TakeOfferDue(now))
        {
            Registry.OfferWork(_state.SweepId).Ignore();
        }
    }

    /// <summary>Stores the state when the table changed, and tells the registry when the sweep ended.</summary>
    private async Task PersistIfChanged((long Revision, SweepStatus Status) before)
    {
        // Read before awaiting: other calls may change the state while this one waits for its write.
        var status = _state.Status;
        var changed = _state.Revision != before.Revision;
        if (status != before.Status && status != SweepStatus.Running)
        {
            LogStopped(_state.SweepId, status.ToWireName(), ReasonNames.Of(_state.EndReason) ?? "");
            _timer?.Dispose();
            _timer = null;
            if (status == SweepStatus.Completed && settings.ArtifactDirectory is { } store)
            {
                DeleteResumeCheckpointsAsync(store, _state.SweepId).Ignore();
            }
        }

        if (changed)
        {
            await _commit!.RequestAsync();
        }

        if (status != before.Status)
        {
            // The whole listing, not just the status: the registry adds a sweep it does not know.
            await Registry.Register(Listing());
        }
    }

    /// <summary>Off the grain's turn: a sweep may leave thousands of files behind.</summary>
    private async Task DeleteResumeCheckpointsAsync(string store, string sweepId)
    {
        try
        {
            var (directories, bytes) = await Task.Run(() => ResumeArtifacts.DeleteForSweep(store, sweepId));
            LogResumeCheckpointsDeleted(sweepId, directories, bytes / (1024.0 * 1024.0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogResumeCheckpointsKept(sweepId, e.Message);
        }
    }

    /// <summary>One write of the group commit: the telemetry sees the changes once per write, the store writes what changed.</summary>
    private async Task WriteAsync()
    {
        _telemetry.Observe(_state);
        try
        {
            await instruments.TimeStateWriteAsync(() => _store!.WriteAsync(_state));
            if (_storeProblem is not null)
            {
                LogStoreRecovered(this.GetPrimaryKeyString());
                _storeProblem = null;
            }
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote since we read: ours is stale; a fresh one reads the truth.
            LogSuperseded(this.GetPrimaryKeyString());
            DeactivateOnIdle();
            throw;
        }
        catch (Exception e)
        {
            var problem = e.Message.Split('\n')[0];
            if (_storeProblem is null)
            {
                LogStoreFailing(this.GetPrimaryKeyString(), problem);
            }

            _storeProblem = problem.Length > 200 ? problem[..200] + "..." : problem;
            throw;
        }
    }

    private (long Revision, SweepStatus Status) Fingerprint() => (_state.Revision, _state.Status);
}
