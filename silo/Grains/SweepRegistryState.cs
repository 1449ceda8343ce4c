using HyperSearch.Contracts;

namespace HyperSearch.Silo.Grains;

/// <summary>What the sweep registry stores (<see cref="SweepRegistryGrain"/>).</summary>
[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];

    /// <summary>Names of the silos whose trainer slots asked for work (live or not: see the registry).</summary>
    [Id(1)] public List<string> TrainerSilos { get; set; } = [];
}
