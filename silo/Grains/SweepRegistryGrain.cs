using HyperSearch.Contracts;
using HyperSearch.Silo.Storage;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// The list of sweeps in the cluster, persisted so <c>list</c> and idle slots see them after a
/// restart. When a sweep starts or resumes it tells every live silo that has trainer slots to offer
/// it to its idle slots (<see cref="ITrainerGrain.OfferWork"/> on the silo's slot 0): a message per
/// silo, where waking each slot cost a wake, a registry call and a lease call per slot. Which silos
/// have slots is persisted (slots name their silo when they ask for work), because this activation
/// can move when silos come and go; which are live is the membership's word. Slots poll too, so an
/// offer that is lost costs one poll interval.
/// </summary>
/// <remarks>
/// The list is a copy: each sweep's own header is the truth. Where the storage can list those
/// headers (the state files), the registry brings its list up to date from them when it activates,
/// so a record that was lost or corrupt is rebuilt and forgets no sweep. Every sweep also lists
/// itself when it activates, resumes or changes status (any storage), so one that a failed call
/// left out is listed the next time.
/// </remarks>
public sealed partial class SweepRegistryGrain(
    IClusterMembershipService membership,
    HyperSearchInstruments instruments,
    ILogger<SweepRegistryGrain> logger) : Grain, ISweepRegistryGrain
{
    private const string StateName = "registry";

    private readonly GrainState<SweepRegistryState> _state = new() { State = new SweepRegistryState() };
    private IGrainStorage? _storage;

    // A storage that found no record leaves the state null.
    private SweepRegistryState State => _state.State ??= new SweepRegistryState();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweeps);
        try
        {
            await _storage.ReadStateAsync(StateName, this.GetGrainId(), _state);
        }
        catch (StateCorruptException e) when (_storage is IStateCatalog)
        {
            LogCorrupt(e.Message);
            _state.State = new SweepRegistryState();
            _state.RecordExists = false;
        }

        if (_storage is IStateCatalog catalog)
        {
            // Each header is written before its sweep calls Register, so a header the list lacks
            // (or lists with another status) is newer than the list: a lost or corrupt record, or a
            // process that died between the two writes. Calls wait for this: they come after it.
            var stale = (await RegistryRebuild.FromSweepHeadersAsync(catalog, e => LogHeaderUnreadable(e.Message)))
                .Where(header => !State.Sweeps.Contains(header))
                .ToList();
            foreach (var listing in stale)
            {
                State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
                State.Sweeps.Add(listing);
            }

            if (stale.Count > 0)
            {
                LogRebuilt(stale.Count);
                await WriteAsync();
            }
        }
    }

    /// <summary>Adds the sweep or replaces its listing; offers it to the trainer silos while it runs.</summary>
    public async Task Register(SweepListing listing)
    {
        var index = State.Sweeps.FindIndex(s => s.SweepId == listing.SweepId);
        if (index < 0 || State.Sweeps[index] != listing)
        {
            State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
            State.Sweeps.Add(listing);
            await WriteAsync();
        }

        if (listing.Status == SweepStatus.Running)
        {
            OfferToTrainerSilos(listing.SweepId);
        }
    }

    public async Task<string[]> GetActiveFor(string slotId)
    {
        var silo = slotId[..Math.Max(0, slotId.IndexOf('/', StringComparison.Ordinal))];
        if (!State.TrainerSilos.Contains(silo))
        {
            // A new silo (rare: a start or restart): forget those the membership no longer lists
            // (an embedded silo is named per process; pod names change).
            var live = LiveSilos();
            State.TrainerSilos.RemoveAll(name => !live.Contains(name));
            State.TrainerSilos.Add(silo);
            await WriteAsync();
        }

        return await GetActive();
    }

    public Task<string[]> GetActive() => Task.FromResult(
        State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());

    /// <summary>One offer per live silo with slots; slot 0 speaks for its silo (every silo with slots has one).</summary>
    private void OfferToTrainerSilos(string sweepId)
    {
        var live = LiveSilos();
        foreach (var silo in State.TrainerSilos.Where(live.Contains))
        {
            GrainFactory.GetGrain<ITrainerGrain>($"{silo}/0").OfferWork(sweepId).Ignore();
        }
    }

    private Task WriteAsync() => instruments.TimeRegistryWriteAsync(() => _storage!.WriteStateAsync(StateName, this.GetGrainId(), _state));

    private HashSet<string> LiveSilos() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(m => m.Name)
        .ToHashSet(StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep registry's record is corrupt; rebuilding it from the sweeps' headers: {Error}")]
    private partial void LogCorrupt(string error);

    // Information: a registry that is merely absent is the first start on a state directory (the
    // first sweep's header is already stored); a corrupt one was warned of (LogCorrupt).
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep registry: {Count} listings added or updated from the sweeps' headers")]
    private partial void LogRebuilt(int count);

    // Information: that sweep refuses every call with the same message, which its caller shows;
    // a warning here would print on every embedded start, beside the one error line of `resume`.
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep registry: a sweep header cannot be read, its listing stays as it was: {Error}")]
    private partial void LogHeaderUnreadable(string error);
}
