using HyperSearch.Contracts;

namespace HyperSearch.Silo.Grains;

/// <summary>What the sweep registry stores (<see cref="SweepRegistryGrain"/>).</summary>
[GenerateSerializer, Alias("HyperSearch.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];

    // Id 1 held the names of silos with trainer slots, which records written before still carry:
    // the serializer skips it.

    /// <summary>The subscribed trainer hosts, so a new activation of the registry offers work to them at once.</summary>
    [Id(2)] public List<TrainerHostListing> TrainerHosts { get; set; } = [];
}
