using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// The list of sweeps in the cluster, persisted so <c>list</c> and idle slots see them after a
/// restart. It also remembers which slots asked for work and found none, and when a sweep starts
/// or resumes tells one of them per silo to offer it to every idle slot of its silo
/// (<see cref="ITrainerGrain.OfferWork"/>): a message per silo rather than one per slot, which
/// each slot then answered with its own registry call and lease call. Slots poll too, so an offer
/// lost with this activation costs one poll interval.
/// </summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    // Silo name (a slot id's prefix) -> the slots of that silo that last found no work.
    private readonly Dictionary<string, HashSet<string>> _idleSlots = new(StringComparer.Ordinal);

    public async Task Register(SweepListing listing)
    {
        state.State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
        state.State.Sweeps.Add(listing);
        await state.WriteStateAsync();
        OfferToIdleSlots(listing.SweepId);
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
                OfferToIdleSlots(sweepId);
            }
        }
    }

    public Task<string[]> GetActiveFor(string slotId)
    {
        var silo = slotId[..Math.Max(0, slotId.IndexOf('/', StringComparison.Ordinal))];
        if (!_idleSlots.TryGetValue(silo, out var slots))
        {
            slots = _idleSlots[silo] = new HashSet<string>(StringComparer.Ordinal);
        }

        slots.Add(slotId);
        return GetActive();
    }

    public Task<string[]> GetActive() => Task.FromResult(
        state.State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(state.State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());

    /// <summary>One offer per silo with noted slots; a slot that finds no work again asks again, and is noted again.</summary>
    private void OfferToIdleSlots(string sweepId)
    {
        foreach (var slots in _idleSlots.Values)
        {
            GrainFactory.GetGrain<ITrainerGrain>(slots.First()).OfferWork(sweepId).Ignore();
        }

        _idleSlots.Clear();
    }
}

[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];
}
