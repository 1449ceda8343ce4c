using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Contracts;

/// <summary>One sweep: owns its spec, its searcher and scheduler, the trial table and the leases.</summary>
[Alias("HyperSearch.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep; starting a sweep that already runs with the same spec changes nothing.</summary>
    [Alias("Start")]
    Task<SweepSnapshot> Start(SweepSpec spec);

    /// <summary>The next trial for a trainer slot, or null when there is none for it now.</summary>
    [Alias("Lease")]
    Task<TrialLease?> Lease(string slotId);

    /// <summary>
    /// What several slots of one silo have to say at once (epochs, finishes, requests for a next
    /// trial), answered in order: one call, one turn and at most one state write for a wave of
    /// slots, where each alone took a call and a write. The reply follows the write that stores
    /// what changed (heartbeats alone change nothing stored).
    /// </summary>
    [Alias("Exchange")]
    Task<SlotReply[]> Exchange(SlotMessage[] messages);

    /// <summary>
    /// One epoch of a running attempt, answered once it is stored: the trainer goes on and never
    /// reports it again, so a sweep that moves to another silo must still have it.
    /// </summary>
    [Alias("Report")]
    Task<LeaseDirective> Report(TrialKey key, EpochMetrics metrics);

    /// <summary>
    /// Records how an attempt ended. With <paramref name="nextSlotId"/>, also leases that slot its
    /// next trial of this sweep (null when there is none now), stored by the same write: a slot that
    /// finishes goes on without asking the registry and the sweep again.
    /// </summary>
    [Alias("Finish")]
    Task<TrialLease?> Finish(TrialKey key, TrialFinish finish, string? nextSlotId = null);

    [Alias("GetSnapshot")]
    Task<SweepSnapshot> GetSnapshot();

    /// <summary>
    /// For watchers: the sweep's summary once its <see cref="SweepSummary.Version"/> differs from
    /// <paramref name="knownVersion"/> (every change of the trial table or status moves it), else after
    /// <paramref name="maxWait"/> at most (capped at 10 s) with the same version. A long poll: a
    /// watcher gets news as they happen and costs the sweep a small summary per change, where
    /// polling <see cref="GetSnapshot"/> copied the whole trial table every time.
    /// </summary>
    [Alias("WatchSummary")]
    Task<SweepSummary> WatchSummary(long knownVersion, TimeSpan maxWait);

    /// <summary>The sweep's spec and coarse-to-fine's rounds (null for searchers without rounds): what a watcher needs besides the trials.</summary>
    [Alias("GetOverview")]
    Task<SweepOverview> GetOverview();

    /// <summary>Up to <paramref name="count"/> trials (at most 1,000) from trial number <paramref name="offset"/> on.</summary>
    [Alias("GetTrials")]
    Task<TrialSlice> GetTrials(int offset, int count);

    [Alias("Cancel")]
    Task<SweepSnapshot> Cancel();

    /// <summary>Holds the sweep (its process is going away); <see cref="Resume"/> continues it.</summary>
    [Alias("Pause")]
    Task<SweepSnapshot> Pause();

    /// <summary>Continues a paused sweep; trials that were running go back to the queue.</summary>
    [Alias("Resume")]
    Task<SweepSnapshot> Resume();

    /// <summary>Adds trials to a sweep that finished or is running (core/Sweeps/SweepExtension.cs); a completed sweep runs again.</summary>
    [Alias("Extend")]
    Task<ExtendOutcome> Extend(ExtendRequest request);
}
