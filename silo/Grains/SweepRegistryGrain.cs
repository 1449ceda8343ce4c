using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Grains;

/// <summary>The list of sweeps in the cluster, persisted so <c>list</c> and idle slots see them after a restart.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    public async Task Register(SweepListing listing)
    {
        state.State.Sweeps.RemoveAll(s => s.SweepId == listing.SweepId);
        state.State.Sweeps.Add(listing);
        await state.WriteStateAsync();
    }

    public async Task Update(string sweepId, SweepStatus status)
    {
        var index = state.State.Sweeps.FindIndex(s => s.SweepId == sweepId);
        if (index >= 0 && state.State.Sweeps[index].Status != status)
        {
            state.State.Sweeps[index] = state.State.Sweeps[index] with { Status = status };
            await state.WriteStateAsync();
        }
    }

    public Task<string[]> GetActive() => Task.FromResult(
        state.State.Sweeps.Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.CreatedUtc).Select(s => s.SweepId).ToArray());

    public Task<SweepListing[]> List() => Task.FromResult(state.State.Sweeps.OrderBy(s => s.CreatedUtc).ToArray());
}

[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];
}
