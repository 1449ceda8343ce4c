using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// The list of sweeps in the cluster, persisted so <c>list</c> and idle slots see them after a
/// restart. It also remembers which slots asked for work and found none, and wakes them when a
/// sweep starts or resumes (they poll too, so a wake lost with this activation costs one poll interval).
/// </summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    private readonly HashSet<string> _idleSlots = new(StringComparer.Ordinal);

    public async Task Register(SweepListing listing)
    {
        state.State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
        state.State.Sweeps.Add(listing);
        await state.WriteStateAsync();
        WakeIdleSlots();
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
                WakeIdleSlots();
            }
        }
    }

    public Task<string[]> GetActiveFor(string slotId)
    {
        _idleSlots.Add(slotId);
        return GetActive();
    }

    public Task<string[]> GetActive() => Task.FromResult(
        state.State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(state.State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());

    /// <summary>One wake per noted slot; a slot that finds no work again asks again, and is noted again.</summary>
    private void WakeIdleSlots()
    {
        foreach (var slotId in _idleSlots)
        {
            GrainFactory.GetGrain<ITrainerGrain>(slotId).Wake().Ignore();
        }

        _idleSlots.Clear();
    }
}

[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];
}
