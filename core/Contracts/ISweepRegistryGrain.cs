using HyperSearch.Sweeps;

namespace HyperSearch.Contracts;

/// <summary>
/// The cluster's list of sweeps (a single activation, key 0): trainer slots ask it which sweeps
/// may have work, and <c>hypersearch list</c> reads it.
/// </summary>
[Alias("HyperSearch.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(SweepListing listing);

    [Alias("Update")]
    Task Update(string sweepId, SweepStatus status);

    /// <summary>Ids of sweeps still running, oldest first.</summary>
    [Alias("GetActive")]
    Task<string[]> GetActive();

    [Alias("List")]
    Task<SweepListing[]> List();
}

[GenerateSerializer, Immutable, Alias("HyperSearch.SweepListing")]
public sealed record class SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepStatus Status,
    [property: Id(3)] DateTime CreatedUtc);
