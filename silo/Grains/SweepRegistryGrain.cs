using HyperSearch.Contracts;
using HyperSearch.Sweeps;

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
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state,
    IClusterMembershipService membership) : Grain, ISweepRegistryGrain
{
    public async Task Register(SweepListing listing)
    {
        state.State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
        state.State.Sweeps.Add(listing);
        await state.WriteStateAsync();
        OfferToTrainerSilos(listing.SweepId);
    }

    public async Task Update(string sweepId, SweepStatus status)
    {
        var index = state.State.Sweeps.FindIndex(s => s.SweepId == sweepId);
        if (index >= 0 && state.State.Sweeps[index].Status != status)
        {
            state.State.Sweeps[index] = state.State.Sweeps[index] with { Status = status };
            await state.WriteStateAsync();
            if (status == SweepStatus.Running)
            {
                OfferToTrainerSilos(sweepId);
            }
        }
    }

    public async Task<string[]> GetActiveFor(string slotId)
    {
        var silo = slotId[..Math.Max(0, slotId.IndexOf('/', StringComparison.Ordinal))];
        if (!state.State.TrainerSilos.Contains(silo))
        {
            // A new silo (rare: a start or restart): forget those the membership no longer lists
            // (an embedded silo is named per process; pod names change).
            var live = LiveSilos();
            state.State.TrainerSilos.RemoveAll(name => !live.Contains(name));
            state.State.TrainerSilos.Add(silo);
            await state.WriteStateAsync();
        }

        return await GetActive();
    }

    public Task<string[]> GetActive() => Task.FromResult(
        state.State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(state.State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());

    /// <summary>One offer per live silo with slots; slot 0 speaks for its silo (every silo with slots has one).</summary>
    private void OfferToTrainerSilos(string sweepId)
    {
        var live = LiveSilos();
        foreach (var silo in state.State.TrainerSilos.Where(live.Contains))
        {
            GrainFactory.GetGrain<ITrainerGrain>($"{silo}/0").OfferWork(sweepId).Ignore();
        }
    }

    private HashSet<string> LiveSilos() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(m => m.Name)
        .ToHashSet(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];

    /// <summary>Names of the silos whose trainer slots asked for work (live or not: see the registry).</summary>
    [Id(1)] public List<string> TrainerSilos { get; set; } = [];
}
