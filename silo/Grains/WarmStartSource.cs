using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Reads the sweeps a spec's <c>warm_start:</c> names and keeps their trials inside its space
/// (core/Sweeps/WarmStartSelection.cs), once, when the sweep starts; the sweep stores them.
/// A sweep this cluster never heard of gives nothing (the console checks the ids before it starts one).
/// </summary>
internal static class WarmStartSource
{
    public static async Task<List<WarmObservation>> GatherAsync(IGrainFactory grains, string sweepId, SweepSpec spec)
    {
        if (spec.WarmStart is not { } warmStart)
        {
            return [];
        }

        var snapshots = new List<SweepSnapshot>();
        foreach (var id in warmStart.Sweeps.Where(id => id != sweepId))
        {
            var snapshot = await grains.GetGrain<ISweepGrain>(id).GetSnapshot();
            if (snapshot.Status != SweepStatus.Created)
            {
                snapshots.Add(snapshot);
            }
        }

        return WarmStartSelection.From(spec, snapshots);
    }
}
