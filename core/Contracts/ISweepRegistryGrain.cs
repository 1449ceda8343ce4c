using HyperSearch.Sweeps;

namespace HyperSearch.Contracts;

/// <summary>
/// The cluster's list of sweeps (a single activation, key 0): trainer slots ask it which sweeps
/// may have work, and <c>hypersearch list</c> reads it.
/// </summary>
[Alias("HyperSearch.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds the sweep, or replaces its listing (a new status): a sweep calls it when it starts,
    /// activates, resumes or changes status, so the registry learns of a sweep it lost or never had.
    /// </summary>
    [Alias("Register")]
    Task Register(SweepListing listing);

    /// <summary>Ids of sweeps still running, oldest first.</summary>
    [Alias("GetActive")]
    Task<string[]> GetActive();

    /// <summary>
    /// <see cref="GetActive"/> for an idle trainer slot: the registry also notes the slot's silo and,
    /// as soon as a sweep starts or resumes, offers it to that silo's idle slots
    /// (<see cref="ITrainerGrain.OfferWork"/>) instead of leaving them idle until their next poll.
    /// </summary>
    [Alias("GetActiveFor")]
    Task<string[]> GetActiveFor(string slotId);

    [Alias("List")]
    Task<SweepListing[]> List();
}

[GenerateSerializer, Immutable, Alias("HyperSearch.SweepListing")]
public sealed record class SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepStatus Status,
    [property: Id(3)] DateTime CreatedUtc);
