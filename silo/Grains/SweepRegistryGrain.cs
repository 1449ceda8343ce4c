using HyperSearch.Contracts;
using HyperSearch.Registry;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Storage;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// The list of sweeps in the cluster, persisted so <c>list</c> and trainer hosts see them after a
/// restart, and the trainer hosts subscribed to hear of work (one per silo with slots, see
/// <see cref="ITrainerHost"/>). When a sweep starts or resumes, or tells the registry it has trials
/// again for slots it turned away, the registry offers it to every host, which hands it to its idle
/// slots: a message per silo, nothing polled.
/// </summary>
/// <remarks>
/// The list is a copy: each sweep's own header is the truth. Where the storage can list those
/// headers (the state files), the registry brings its list up to date from them when it activates,
/// so a record that was lost or corrupt is rebuilt and forgets no sweep. Every sweep also lists
/// itself when it activates, resumes or changes status (any storage), so one that a failed call
/// left out is listed the next time.
/// </remarks>
public sealed partial class SweepRegistryGrain(
    SiloSettings settings,
    HyperSearchInstruments instruments,
    ILogger<SweepRegistryGrain> logger) : Grain, ISweepRegistryGrain
{
    private const string StateName = "registry";

    private readonly GrainState<SweepRegistryState> _state = new() { State = new SweepRegistryState() };
    private IGrainStorage? _storage;

    // A host renews every TrainerHostRenewal: three missed renewals and it lapses.
    private readonly TrainerHostSubscriptions _hosts = new(settings.TrainerHostRenewal * 3);

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

        _hosts.Load(State.TrainerHosts, DateTime.UtcNow);
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
            await OfferWork(listing.SweepId);
        }
    }

    public async Task<bool> Subscribe(string siloName, ITrainerHost host)
    {
        var added = _hosts.Renew(siloName, host, DateTime.UtcNow);
        if (added)
        {
            await WriteAsync();
        }

        return added;
    }

    public async Task Unsubscribe(string siloName)
    {
        if (_hosts.Remove(siloName))
        {
            await WriteAsync();
        }
    }

    public Task OfferWork(string sweepId)
    {
        foreach (var (siloName, host) in _hosts.Live(DateTime.UtcNow))
        {
            // Not awaited: a host answers after its slots asked the sweep, and one slow or dead
            // silo must not hold the others' offers. A host that cannot be reached is dropped; if
            // it lives, its next renewal subscribes it again and it looks for work then.
            _ = OfferAsync(siloName, host, sweepId);
        }

        return Task.CompletedTask;
    }

    public Task<TrainerHostListing[]> GetTrainerHosts() => Task.FromResult(_hosts.Live(DateTime.UtcNow));

    public Task<string[]> GetActive() => Task.FromResult(
        State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());

    private async Task OfferAsync(string siloName, ITrainerHost host, string sweepId)
    {
        try
        {
            await host.OfferWork(sweepId);
        }
        catch (Exception e)
        {
            // Not stored from here (this runs beside the registry's calls, whose writes it would
            // race): the next write stores it, and until then a new activation that offers to the
            // stored host again only finds it unreachable again.
            LogOfferFailed(siloName, e.Message);
            _hosts.Remove(siloName, host);
        }
    }

    private Task WriteAsync()
    {
        State.TrainerHosts = _hosts.ToListings();
        return instruments.TimeRegistryWriteAsync(() => _storage!.WriteStateAsync(StateName, this.GetGrainId(), _state));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep registry: the trainer host of silo {Silo} did not take an offer and is unsubscribed until it renews: {Error}")]
    private partial void LogOfferFailed(string silo, string error);

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
