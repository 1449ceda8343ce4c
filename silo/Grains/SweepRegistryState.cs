using HyperSearch.Contracts;

namespace HyperSearch.Silo.Grains;

/// <summary>What the sweep registry stores (<see cref="SweepRegistryGrain"/>).</summary>
[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];

    // Id 1 held the names of silos with trainer slots; trainer hosts now subscribe (not stored), and
    // the serializer skips the field in records written before.
}
