using HyperSearch.Sweeps;

namespace HyperSearch.Contracts;

/// <summary>
/// The cluster's list of sweeps (a single activation, key 0), and the trainer hosts subscribed to
/// hear when a sweep has work: <c>hypersearch list</c> reads the list, each silo's trainer host asks
/// it which sweeps are running when its slots fall idle.
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
    /// Subscribes a silo's trainer host, or renews its subscription: hosts renew on a period, and a
    /// subscription that is not renewed lapses (a dead silo's goes by itself). True when the
    /// registry did not hold it (a first subscription, or one that lapsed or whose stored copy was
    /// lost): the host then looks for work itself, since offers made meanwhile did not reach it.
    /// </summary>
    [Alias("Subscribe")]
    Task<bool> Subscribe(string siloName, ITrainerHost host);

    /// <summary>The host's silo stops: no more offers to it.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe(string siloName);

    /// <summary>
    /// A running sweep has trials again for slots it turned away (a lease expired, a trial was
    /// re-queued, a round opened): offers it to every subscribed host's idle slots.
    /// </summary>
    [Alias("OfferWork")]
    Task OfferWork(string sweepId);

    /// <summary>The subscribed trainer hosts, one per silo with slots: how a caller reaches one silo's slots.</summary>
    [Alias("GetTrainerHosts")]
    Task<TrainerHostListing[]> GetTrainerHosts();

    [Alias("List")]
    Task<SweepListing[]> List();
}

[GenerateSerializer, Immutable, Alias("HyperSearch.SweepListing")]
public sealed record class SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepStatus Status,
    [property: Id(3)] DateTime CreatedUtc);
